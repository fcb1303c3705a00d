package io.progressivedialer.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * What a busy floor leaves behind in a month, written straight into the dialer's database by a few statements, so
 * that a benchmark starts where a floor stands after weeks: {@code calls} calls over the last 31 days, in sessions
 * of 33 calls of the same agents, each to a lead of its own in the campaign "history", as the dialer and the engine
 * keep them: the call records and agent states (the business's record, kept for good), the webhooks of the last 15
 * days, and Camunda's history of each session and of six steps a call, the oldest day past its 30-day time to live.
 * The oldest day of webhooks falls due for the dialer's 14-day retention all at once, {@code webhooksDueIn} after the
 * history is written, as a night's webhooks do at the nightly cleanup. Times are UTC, as the dialer stores them.
 */
final class MonthOfHistory {

    static final int CALLS_PER_SESSION = 33;
    private static final int DAYS = 31;
    private static final int WEBHOOK_DAYS = 15;
    private static final String PAYLOAD = "'{\"message\":\"CustomerCallEvent\",\"facts\":{\"callRecordId\":1234567,"
            + "\"eventType\":\"Answered\",\"number\":\"+919812345678\",\"currentTime\":\"2026-11-30 14:56:14\","
            + "\"callSid\":\"3edd4e59486d063b46403496ad3e157e\",\"status\":\"busy\"}}'";

    private final String database;
    private final String now;
    private final double secondsPerCall;
    private final int calls;
    private final int agents;
    private final long webhooksDueInSeconds;

    MonthOfHistory(String database, int calls, int agents, java.time.Duration webhooksDueIn) {
        this.database = database;
        this.webhooksDueInSeconds = webhooksDueIn.toSeconds();
        this.calls = calls;
        this.agents = agents;
        this.now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        this.secondsPerCall = DAYS * 86_400.0 / calls;
    }

    /** Writes it; the campaign "history" and the agents exist. */
    void write(Connection db) throws SQLException {
        int sessions = (calls + CALLS_PER_SESSION - 1) / CALLS_PER_SESSION;
        String definition;
        try (Statement statement = db.createStatement();
             var rows = statement.executeQuery("select id_ from act_re_procdef where key_ = 'agent-session' "
                     + "order by version_ desc fetch first 1 rows only")) {
            rows.next();
            definition = rows.getString(1);
        }
        String session = "'history-' || (n / " + CALLS_PER_SESSION + ")";
        String callAge = "(" + calls + " - n) * " + secondsPerCall;
        run(db, """
                insert into dialer_session (id, agent_id, campaign_id, status, end_reason, calls_made, started_at,
                                            ended_at, line_renewals)
                select 'history-' || n, 'agent-' || mod(n, %d), 'history', 'ENDED', 'NO_LEADS', %d, %s, %s, 0
                  from %s""".formatted(agents, CALLS_PER_SESSION,
                at("(" + calls + " - n * " + CALLS_PER_SESSION + ") * " + secondsPerCall),
                at("(" + calls + " - n * " + CALLS_PER_SESSION + " - " + CALLS_PER_SESSION + ") * " + secondsPerCall),
                series(sessions)));
        run(db, """
                insert into lead (campaign_id, phone, name, priority, status, attempts, last_outcome, last_attempt_at,
                                  created_at, dnd_screened, ready)
                select 'history', %s, 'History lead', 1, 'CONTACTED', 1, 'completed', %s, %s, true, false
                  from %s""".formatted(phone(), at(callAge), at(callAge + " + 86400"), series(calls)));
        run(db, """
                insert into call_record (session_id, lead_id, agent_call_sid, number, status, call_type,
                                         dial_call_duration, conversation_seconds, lead_status, counts_as_contact,
                                         dialled_at, answered_at, outcome_at, agent_id, campaign_id)
                select %s, l.id, 'history-call-' || (n / %d), l.phone, 'completed', 'completed', 35, 31,
                       'CONTACTED', true, %s, %s, %s, 'agent-' || mod(n / %d, %d), 'history'
                  from %s join lead l on l.campaign_id = 'history' and l.phone = %s"""
                .formatted(session, CALLS_PER_SESSION, at(callAge), at(callAge + " - 4"), at(callAge + " - 40"),
                        CALLS_PER_SESSION, agents, series(calls), phone()));
        // three stretches a call: dialling, on the call, wrap-up
        String stretchAge = "(" + calls + " - n / 3) * " + secondsPerCall + " - mod(n, 3) * 10";
        run(db, """
                insert into agent_state_log (session_id, agent_id, campaign_id, state, started_at, ended_at)
                select 'history-' || (n / %d), 'agent-' || mod(n / %d, %d), 'history',
                       case mod(n, 3) when 0 then 'DIALLING' when 1 then 'ON_CALL' else 'WRAP_UP' end, %s, %s
                  from %s""".formatted(3 * CALLS_PER_SESSION, 3 * CALLS_PER_SESSION, agents, at(stretchAge),
                at(stretchAge + " - 10"), series(3 * calls)));
        // four stored webhooks a call (popups and the outcome Passthru) over the last WEBHOOK_DAYS days
        int recent = (int) ((long) calls * WEBHOOK_DAYS / DAYS);
        String webhookCall = "(" + (calls - recent) + " + n / 4)";
        // the oldest day's all come due within a minute, webhooksDueIn from now
        long retention = (WEBHOOK_DAYS - 1) * 86_400L;
        String webhookAge = "case when n < " + 4 * (recent / WEBHOOK_DAYS) + " then " + (retention - webhooksDueInSeconds)
                + " - mod(n, 60) else (" + calls + " - " + webhookCall + ") * " + secondsPerCall + " - mod(n, 4) end";
        run(db, """
                insert into webhook_inbox (kind, idempotency_key, session_id, payload, state, attempts, received_at,
                                           applied_at)
                select case mod(n, 4) when 3 then 'passthru' else 'popup' end, 'history:' || n,
                       'history-' || (%s / %d), %s, 'APPLIED', 1, %s, %s
                  from %s""".formatted(webhookCall, CALLS_PER_SESSION, PAYLOAD, at(webhookAge), at(webhookAge),
                series(4 * recent)));
        String sessionEndAge = "(" + calls + " - n * " + CALLS_PER_SESSION + " - " + CALLS_PER_SESSION + ") * "
                + secondsPerCall;
        run(db, """
                insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_,
                                             start_time_, end_time_, removal_time_, duration_, start_act_id_,
                                             end_act_id_, root_proc_inst_id_, state_)
                select 'history-' || n, 'history-' || n, 'history-' || n, 'agent-session', '%s', %s, %s, %s,
                       1000, 'SessionStarted', 'SessionEnded', 'history-' || n, 'COMPLETED'
                  from %s""".formatted(definition, at(sessionEndAge + " + 3600"), at(sessionEndAge),
                at(sessionEndAge + " - 30 * 86400"), series(sessions)));
        // six steps a call kept by the history level "sessions": its service tasks and decisions
        String stepAge = "(" + calls + " - n / 6) * " + secondsPerCall;
        String instance = "'history-' || (n / " + 6 * CALLS_PER_SESSION + ")";
        run(db, """
                insert into act_hi_actinst (id_, parent_act_inst_id_, proc_def_key_, proc_def_id_,
                                            root_proc_inst_id_, proc_inst_id_, execution_id_, act_id_, act_name_,
                                            act_type_, start_time_, end_time_, duration_, act_inst_state_,
                                            sequence_counter_, removal_time_)
                select 'history-step-' || n, %s, 'agent-session', '%s', %s, %s, %s,
                       case mod(n, 6) when 0 then 'SelectNextLead' when 1 then 'DecideWhetherToKeepDialing'
                                      when 2 then 'RecordCallProgress' when 3 then 'DecideCallDisposition'
                                      when 4 then 'RecordCallOutcome' else 'DecideAgentsNextStep' end,
                       'step', case mod(n, 6) when 1 then 'businessRuleTask' when 3 then 'businessRuleTask'
                                              else 'serviceTask' end,
                       %s, %s, 3, 1, mod(n, 6), %s
                  from %s""".formatted(instance, definition, instance, instance, instance, at(stepAge),
                at(stepAge), at(stepAge + " - 30 * 86400"), series(6 * calls)));
    }

    private static void run(Connection db, String sql) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = db.createStatement()) {
            int rows = statement.executeUpdate(sql);
            System.out.printf("history: %,d rows into %s in %.1f s%n", rows,
                    sql.substring(sql.indexOf("into ") + 5, sql.indexOf(' ', sql.indexOf("into ") + 5)),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The numbers 0 to count - 1, as a table of one column, n. */
    private String series(long count) {
        return database.equals("postgresql") ? "generate_series(0, %d) as s(n)".formatted(count - 1)
                : "(select x as n from system_range(0, %d)) s".formatted(count - 1);
    }

    /** The moment {@code secondsAgo} (an expression of n) before now. */
    private String at(String secondsAgo) {
        return database.equals("postgresql")
                ? "timestamp '%s' - (%s) * interval '1 second'".formatted(now, secondsAgo)
                : "dateadd(millisecond, -cast((%s) * 1000 as bigint), timestamp '%s')".formatted(secondsAgo, now);
    }

    /** History lead n's number, one of its own. */
    private static String phone() {
        return "'+9191' || lpad(cast(n as varchar(8)), 8, '0')";
    }
}
