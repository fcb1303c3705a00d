package io.progressivedialer.session;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A session's process instance's business key, {@code agentId:sessionId}: Cockpit shows it, and a step that needs
 * only the session's names reads them from it instead of loading all the session's variables.
 */
record SessionKey(String agentId, String sessionId) {

    String value() {
        return agentId + ":" + sessionId;
    }

    /** The session id is a UUID: the last colon is the one between the two. */
    static SessionKey of(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        int colon = key.lastIndexOf(':');
        return new SessionKey(key.substring(0, colon), key.substring(colon + 1));
    }
}
