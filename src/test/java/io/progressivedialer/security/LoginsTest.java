package io.progressivedialer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The configured logins: defaults only in the demo, a password for every named login, a Secure cookie outside it. */
class LoginsTest {

    private static MockEnvironment realAccount() {
        return new MockEnvironment().withProperty("dialer.exotel.base-url", "https://api.exotel.com")
                .withProperty("dialer.admin.username", "admin").withProperty("dialer.admin.password", "a-long-secret");
    }

    @Test
    void theDemoSignsInWithItsOwnLoginsOverPlainHttp() {
        MockEnvironment demo = new MockEnvironment();
        new Logins().postProcessEnvironment(demo, null);
        assertThat(demo.getProperty("dialer.supervisor.username")).isEqualTo("supervisor");
        assertThat(demo.getProperty("dialer.integration.password")).isEqualTo("crm");
        assertThat(demo.getProperty("server.servlet.session.cookie.secure")).isNull();
    }

    @Test
    void aRealAccountHasNoDefaultLoginAndASecureCookie() {
        MockEnvironment real = realAccount();
        new Logins().postProcessEnvironment(real, null);
        assertThat(real.getProperty("dialer.supervisor.username")).isNull();
        assertThat(real.getProperty("dialer.integration.username")).isNull();
        assertThat(real.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
    }

    @Test
    void aNamedLoginWithoutAPasswordStopsStartUp() {
        MockEnvironment real = realAccount().withProperty("dialer.supervisor.username", "floor-lead");
        assertThatThrownBy(() -> new Logins().postProcessEnvironment(real, null))
                .hasMessageContaining("dialer.supervisor.password must be set");
    }
}
