package io.progressivedialer.exotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Against a real Exotel account no default secret is accepted: start-up stops and says why. */
class ExotelAccountSecretsTest {

    private static final String GOOD_KEY = "k3J9-vQ2x-8LmN-4pRt-7sWy-1aBc-6dEf";

    private static MockEnvironment realAccount(String key, String publicUrl) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("dialer.exotel.base-url", "https://api.in.exotel.com")
                .withProperty("dialer.exotel.account-sid", "acme1")
                .withProperty("dialer.exotel.api-key", "a1b2c3d4e5f6a7b8c9d0")
                .withProperty("dialer.exotel.api-token", "f0e9d8c7b6a5f4e3d2c1")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.internal/dialer");
        if (key != null) {
            environment.setProperty("dialer.exotel.webhook-key", key);
        }
        if (publicUrl != null) {
            environment.setProperty("dialer.public-url", publicUrl);
        }
        return environment;
    }

    private static void check(MockEnvironment environment) {
        new ExotelAccountSecrets().postProcessEnvironment(environment, null);
    }

    @Test
    void aMissingDemoOrShortWebhookKeyStopsStartUp() {
        assertThatThrownBy(() -> check(realAccount(null, "https://dialer.example.com")))
                .hasMessageContaining("dialer.exotel.webhook-key must be set");
        assertThatThrownBy(() -> check(realAccount("demo-webhook-key", "https://dialer.example.com")))
                .hasMessageContaining("the demo's key");
        assertThatThrownBy(() -> check(realAccount("short-but-random-31-characters!", "https://dialer.example.com")))
                .hasMessageContaining("at least 32 characters");
    }

    @Test
    void aPublicUrlThatIsNotHttpsStopsStartUp() {
        assertThatThrownBy(() -> check(realAccount(GOOD_KEY, "http://dialer.example.com")))
                .hasMessageContaining("https://");
        assertThatThrownBy(() -> check(realAccount(GOOD_KEY, null))).hasMessageContaining("dialer.public-url");
        assertThatCode(() -> check(realAccount(GOOD_KEY, "http://127.0.0.1:8080"))).as("a test on one machine")
                .doesNotThrowAnyException();
    }

    @Test
    void aLongKeyAndHttpsStartAndTheDemoNeedsNeither() {
        assertThatCode(() -> check(realAccount(GOOD_KEY, "https://dialer.example.com"))).doesNotThrowAnyException();
        assertThatCode(() -> check(new MockEnvironment().withProperty("dialer.exotel.webhook-key", "demo-webhook-key")))
                .doesNotThrowAnyException();
        MockEnvironment rotating = realAccount(GOOD_KEY, "https://dialer.example.com");
        rotating.setProperty("dialer.exotel.webhook-key-previous", "old");
        assertThatThrownBy(() -> check(rotating)).hasMessageContaining("webhook-key-previous");
    }

    @Test
    void theDemosCredentialsAnInMemoryDatabaseAndTheDemosDataStopStartUp() {
        MockEnvironment demoKey = realAccount(GOOD_KEY, "https://dialer.example.com");
        demoKey.setProperty("dialer.exotel.api-key", "demo-key");
        assertThatThrownBy(() -> check(demoKey)).hasMessageContaining("dialer.exotel.api-key").hasMessageContaining(
                "the demo's");
        MockEnvironment noSid = realAccount(GOOD_KEY, "https://dialer.example.com");
        noSid.setProperty("dialer.exotel.account-sid", "");
        assertThatThrownBy(() -> check(noSid)).hasMessageContaining("dialer.exotel.account-sid");

        MockEnvironment inMemory = realAccount(GOOD_KEY, "https://dialer.example.com");
        inMemory.setProperty("spring.datasource.url", "jdbc:h2:mem:dialer;DB_CLOSE_DELAY=-1");
        assertThatThrownBy(() -> check(inMemory)).hasMessageContaining("in-memory database");
        inMemory.setProperty("dialer.allow-in-memory-database", "true");
        assertThatCode(() -> check(inMemory)).doesNotThrowAnyException();

        MockEnvironment demoData = realAccount(GOOD_KEY, "https://dialer.example.com");
        demoData.setProperty("dialer.demo.enabled", "true");
        assertThatThrownBy(() -> check(demoData)).hasMessageContaining("dialer.demo.enabled");
        MockEnvironment quiet = realAccount(GOOD_KEY, "https://dialer.example.com");
        check(quiet);
        assertThat(quiet.getProperty("dialer.demo.enabled", Boolean.class)).as("off by default").isFalse();
    }

    @Test
    void onlyAnAddressOfTheLoopbackNetworkIsLoopback() {
        assertThat(ExotelAccountSecrets.isLoopback("http://127.0.0.1:8080")).isTrue();
        assertThat(ExotelAccountSecrets.isLoopback("http://127.3.2.1")).isTrue();
        assertThat(ExotelAccountSecrets.isLoopback("http://localhost:8080")).isTrue();
        assertThat(ExotelAccountSecrets.isLoopback("http://127.evil.example.com")).isFalse();
        assertThat(ExotelAccountSecrets.isLoopback("http://127.0.0.1.nip.io")).isFalse();
        assertThatThrownBy(() -> check(realAccount(GOOD_KEY, "http://127.attacker.example"))).hasMessageContaining(
                "https://");
    }
}
