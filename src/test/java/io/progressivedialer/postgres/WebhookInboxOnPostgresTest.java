package io.progressivedialer.postgres;

import io.progressivedialer.session.WebhookInboxTest;

@OnPostgres
class WebhookInboxOnPostgresTest extends WebhookInboxTest {
}
