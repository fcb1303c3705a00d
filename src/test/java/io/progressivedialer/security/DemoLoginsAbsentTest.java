package io.progressivedialer.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.agents.Agent;
import io.progressivedialer.agents.AgentRepository;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A database a demo once used, started against a real Exotel account, keeps none of the demo's logins. */
class DemoLoginsAbsentTest extends PassiveExotelTest {

    @Autowired
    IdentityService identity;
    @Autowired
    AgentRepository agents;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    CamundaLogins camundaLogins;

    @Test
    void theDemosLoginsAndAgentPasswordsAreRemovedAgainstARealAccount() {
        agents.save(new Agent("agent-77", "Demo agent", "+919812377077"));
        agents.setPasswordHash("agent-77", passwords.encode(Logins.DEMO_AGENT_PASSWORD));
        agents.save(new Agent("asha-own", "Asha", "+919812377078"));
        agents.setPasswordHash("asha-own", passwords.encode("her-own-long-password"));
        identity.saveUser(identity.newUser("crm")); // as an earlier version of the demo left it
        assertThat(identity.createUserQuery().userIdIn("demo", "supervisor", "crm").count()).as("the demo's")
                .isEqualTo(3);
        MockEnvironment realAccount = new MockEnvironment()
                .withProperty("dialer.exotel.base-url", "https://api.in.exotel.com")
                .withProperty("dialer.admin.username", "ops")
                .withProperty("dialer.supervisor.username", "supervisor");
        try {
            new DemoLoginsAbsent(identity, agents, passwords, realAccount).removeDemoLogins();

            assertThat(identity.createUserQuery().userIdIn("demo", "crm").count()).isZero();
            assertThat(identity.createUserQuery().userId("supervisor").count()).as("a configured login").isOne();
            assertThat(agents.passwordHash("agent-77")).isEmpty();
            assertThat(agents.passwordHash("asha-own")).as("an agent's own password").isPresent();
        } finally {
            camundaLogins.keepInStep(); // this test context's own (demo) logins again
        }
    }

    @Test
    void theDemoKeepsItsLogins() {
        new DemoLoginsAbsent(identity, agents, passwords, new MockEnvironment()).removeDemoLogins();

        assertThat(identity.createUserQuery().userIdIn("demo", "supervisor").count()).isEqualTo(2);
    }
}
