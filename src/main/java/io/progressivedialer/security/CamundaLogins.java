package io.progressivedialer.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda's own users, which sign in to Cockpit, in step with the configured logins at start-up: the
 * administrator in {@code camunda-admin}; the supervisor in {@code supervisors}, which may open Cockpit and read
 * sessions, their history and the decision tables, and change nothing; the analyst in {@code analysts}, which may
 * open Cockpit and read the decision tables, their versions and evaluations. The configured password is set at every
 * start; a login no longer configured keeps its Camunda user until an administrator removes it.
 */
@Component
class CamundaLogins {

    static final String SUPERVISORS = "supervisors";
    static final String ANALYSTS = "analysts";
    private static final Logger log = LoggerFactory.getLogger(CamundaLogins.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final Environment environment;

    CamundaLogins(IdentityService identity, AuthorizationService authorizations, Environment environment) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.environment = environment;
    }

    /** Tried twice: nodes starting together may race to create the same user, and the second pass finds it. */
    @EventListener(ApplicationReadyEvent.class)
    void keepInStep() {
        try {
            keepInStepOnce();
        } catch (ProcessEngineException e) {
            log.info("Camunda's users changed under this node at start-up ({}); looking again", e.getMessage());
            keepInStepOnce();
        }
    }

    private void keepInStepOnce() {
        keep(Logins.Login.ADMIN, Groups.CAMUNDA_ADMIN);
        if (!Logins.Login.SUPERVISOR.username(environment).isEmpty()) {
            ensureSupervisorsGroup();
            keep(Logins.Login.SUPERVISOR, SUPERVISORS);
        }
        if (!Logins.Login.ANALYST.username(environment).isEmpty()) {
            ensureAnalystsGroup();
            keep(Logins.Login.ANALYST, ANALYSTS);
        }
    }

    private void keep(Logins.Login login, String group) {
        String id = login.username(environment);
        String password = login.password(environment);
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            user.setFirstName(id);
            log.info("Camunda user {} created for the configured {} login", id, login.role.toLowerCase());
        }
        // set every time rather than compared: a failed checkPassword would count as a failed login and lock the user
        user.setPassword(password);
        identity.saveUser(user);
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            if (identity.createGroupQuery().groupId(group).count() == 0) {
                Group created = identity.newGroup(group);
                created.setName(group);
                created.setType(Groups.GROUP_TYPE_SYSTEM);
                identity.saveGroup(created);
            }
            identity.createMembership(id, group);
        }
    }

    /** Cockpit opens, and sessions, their history, deployments and decisions are read; nothing is changed. */
    private void ensureSupervisorsGroup() {
        grantDecisions(SUPERVISORS);
        grant(SUPERVISORS, Resources.PROCESS_DEFINITION, "*", Permissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(SUPERVISORS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    }

    /** Cockpit opens, and the decision tables, their versions, deployments and evaluations are read. */
    private void ensureAnalystsGroup() {
        grantDecisions(ANALYSTS);
    }

    private void grantDecisions(String group) {
        grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.READ_HISTORY);
        grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
        grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean granted = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (granted) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        List.of(permissions).forEach(authorization::addPermission);
        authorizations.saveAuthorization(authorization);
    }
}
