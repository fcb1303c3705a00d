package io.progressivedialer.lead;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.common.Filters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class LeadRepository {

    private static final String DIALABLE = Arrays.stream(LeadStatus.values()).filter(LeadStatus::isDialable)
            .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Clock clock;

    public LeadRepository(JdbcClient jdbc, JdbcTemplate template, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.clock = clock;
    }

    public record NewLead(String campaignId, String agentId, String phone, String name, int priority,
                          String timezone, String attributes, List<String> altPhones, Instant callbackAt) {
    }

    /**
     * Inserts new leads. Leads of a campaign that may call DND numbers ({@code screened}) need no screening and are
     * ready at once unless a callback time lies ahead; the others wait for DND screening.
     */
    public void insertAll(List<NewLead> leads, Instant now, boolean screened) {
        template.batchUpdate("""
                        insert into lead (campaign_id, agent_id, phone, name, priority, timezone, attributes,
                                          status, attempts, created_at, alt_phones, callback_at, next_attempt_at,
                                          dnd_screened, ready)
                        values (?, ?, ?, ?, ?, ?, ?, 'NEW', 0, ?, ?, ?, ?, ?, ?)""",
                leads, 1000, (ps, lead) -> {
                    ps.setString(1, lead.campaignId());
                    ps.setString(2, lead.agentId());
                    ps.setString(3, lead.phone());
                    ps.setString(4, lead.name());
                    ps.setInt(5, lead.priority());
                    ps.setString(6, lead.timezone());
                    ps.setString(7, lead.attributes());
                    ps.setObject(8, timestamp(now));
                    ps.setString(9, lead.altPhones().isEmpty() ? null : String.join(",", lead.altPhones()));
                    ps.setObject(10, timestamp(lead.callbackAt()));
                    ps.setObject(11, timestamp(lead.callbackAt()));
                    ps.setBoolean(12, screened);
                    ps.setBoolean(13, screened && (lead.callbackAt() == null || !lead.callbackAt().isAfter(now)));
                });
        leads.stream().filter(lead -> lead.timezone() != null)
                .map(lead -> List.of(lead.campaignId(), lead.timezone())).distinct().forEach(zone ->
                jdbc.sql("""
                                insert into campaign_zone (campaign_id, timezone)
                                select cast(:campaign as varchar(64)), cast(:zone as varchar(64))
                                 where not exists (select 1 from campaign_zone
                                                    where campaign_id = :campaign and timezone = :zone)""")
                        .param("campaign", zone.get(0)).param("zone", zone.get(1)).update());
    }

    /** The time zones the campaign has leads in. */
    public List<String> zonesOf(String campaignId) {
        return jdbc.sql("select timezone from campaign_zone where campaign_id = ?").param(campaignId)
                .query(String.class).list();
    }

    public Set<String> phonesOf(String campaignId) {
        return new HashSet<>(jdbc.sql("select phone from lead where campaign_id = ?").param(campaignId)
                .query(String.class).list());
    }

    public Optional<Lead> find(long id) {
        return jdbc.sql("select * from lead where id = ?").param(id).query(LeadRepository::map).optional();
    }

    /** The imported attributes (JSON) of the newest leads that have any. */
    public List<String> newestAttributes(int limit) {
        return jdbc.sql("select attributes from lead where attributes is not null order by id desc"
                + " fetch first :limit rows only").param("limit", limit).query(String.class).list();
    }

    public List<Lead> list(String campaignId, LeadStatus status, int limit) {
        return search(new Search(campaignId, status, null, null), 0, limit);
    }

    /**
     * What leads are looked for: {@code text} in the phone, the name and the attributes; a callback promised before
     * {@code callbackBefore}; null: any.
     */
    public record Search(String campaignId, LeadStatus status, String text, Instant callbackBefore) {

        Filters filters() {
            return new Filters().equal("campaign_id", campaignId).equal("status", status)
                    .before("callback_at", callbackBefore).containsAny(text, "phone", "name", "attributes");
        }
    }

    /** One page of the leads matching, oldest first. */
    public List<Lead> search(Search search, int page, int size) {
        Filters filters = search.filters();
        return jdbc.sql("select * from lead" + filters.where()
                        + " order by id offset :offset rows fetch first :size rows only")
                .params(filters.params())
                .param("offset", (long) page * size)
                .param("size", size)
                .query(LeadRepository::map).list();
    }

    public long count(Search search) {
        Filters filters = search.filters();
        return jdbc.sql("select count(*) from lead" + filters.where()).params(filters.params())
                .query(Long.class).single();
    }

    /** What an administrator may change about a lead; null keeps the lead's own. */
    public record LeadChange(Integer priority, String agentId, boolean toPool, String timezone, String attributes,
                             Instant callbackAt) {
    }

    /**
     * Applies the change to a lead no session is dialling, and has it decided about afresh: it is ready again once
     * due. False when the lead is being dialled.
     */
    public boolean change(long id, LeadChange change, Instant now) {
        return jdbc.sql("""
                        update lead set priority = coalesce(:priority, priority),
                                        agent_id = case when :toPool then null else coalesce(:agent, agent_id) end,
                                        timezone = coalesce(:timezone, timezone),
                                        attributes = coalesce(:attributes, attributes),
                                        callback_at = coalesce(:callback, callback_at),
                                        next_attempt_at = coalesce(:callback, next_attempt_at, :now),
                                        status = case when cast(:callback as timestamp) is not null and status = 'EXHAUSTED'
                                                      then 'RETRY' else status end,
                                        ready = false, set_aside = null
                         where id = :id and status <> 'DIALLING'""")
                .param("priority", change.priority())
                .param("toPool", change.toPool())
                .param("agent", change.agentId())
                .param("timezone", change.timezone())
                .param("attributes", change.attributes())
                .param("callback", timestamp(change.callbackAt()))
                .param("now", timestamp(now))
                .param("id", id)
                .update() == 1;
    }

    /** A session ended without its calls' outcomes: the leads it had reserved are due again now. */
    public int releaseReservations(String sessionId, Instant now) {
        return jdbc.sql("""
                        update lead set status = 'RETRY', reserved_by = null, next_attempt_at = ?, ready = dnd_screened
                         where reserved_by = ? and status = 'DIALLING'""")
                .params(timestamp(now), sessionId).update();
    }

    /** Leads of every campaign that may be dialled once their numbers are screened against the DND registry. */
    public int awaitingScreening() {
        return jdbc.sql("select count(*) from lead where dnd_screened = false and status in " + DIALABLE)
                .query(Integer.class).single();
    }

    /** The callbacks an agent promised and has not kept yet, the soonest first. */
    public List<Lead> callbacksOf(String agentId, int limit) {
        return jdbc.sql("""
                        select * from lead where agent_id = ? and callback_at is not null
                           and status in ('NEW', 'RETRY') order by callback_at fetch first ? rows only""")
                .params(agentId, limit).query(LeadRepository::map).list();
    }

    /** Puts a removed lead back in dialling: due now, decided about afresh. False when it is not removed. */
    public boolean reopen(long id, Instant now) {
        return jdbc.sql("""
                        update lead set status = 'RETRY', next_attempt_at = ?, ready = false, set_aside = null
                         where id = ? and status = 'REMOVED'""").params(timestamp(now), id).update() == 1;
    }

    /** Takes a lead out of dialling for good, unless a session is dialling it. */
    public boolean remove(long id) {
        return jdbc.sql("""
                        update lead set status = 'REMOVED', ready = false, set_aside = null, next_attempt_at = null
                         where id = ? and status <> 'DIALLING'""").param(id).update() == 1;
    }

    /** Ready leads an agent may be given: its own and the pool's, each best priority first. */
    public record ReadyLeads(List<Lead> own, List<Lead> pool) {

        public boolean isEmpty() {
            return own.isEmpty() && pool.isEmpty();
        }
    }

    /**
     * Up to {@code limit} ready leads of the agent's own and as many of the pool's, leaving out {@code skipped}, in
     * one statement. Each of its parts reads one (campaign, agent or pool, status) range of the ready index in order,
     * so that leads that are not ready (not due, awaiting screening, set aside by the tables) are never read.
     */
    public ReadyLeads ready(String campaignId, String agentId, Collection<Long> skipped, int limit) {
        String range = "(select * from lead where campaign_id = :campaign and %s and status = '%s' and ready = true"
                + (skipped.isEmpty() ? "" : " and id not in (:skipped)")
                + " order by campaign_id, agent_id, status, ready, priority desc, id"
                + fetchFirst(limit) + ")";
        List<Lead> ready = jdbc.sql(dialableRanges(range))
                .param("campaign", campaignId)
                .param("agent", agentId)
                .params(skipped.isEmpty() ? Map.of() : Map.of("skipped", skipped))
                .query(LeadRepository::map).list();
        return new ReadyLeads(bestFirst(ready.stream().filter(lead -> lead.agentId() != null), limit),
                bestFirst(ready.stream().filter(lead -> lead.agentId() == null), limit));
    }

    /**
     * {@code range} (a query with the owner's condition and the status left to fill in) for each range of the lead
     * index an agent may dial from: its own leads and the pool's, new and to retry; one statement.
     */
    private static String dialableRanges(String range) {
        return String.join(" union all ",
                range.formatted("agent_id = :agent", LeadStatus.NEW),
                range.formatted("agent_id = :agent", LeadStatus.RETRY),
                range.formatted("agent_id is null", LeadStatus.NEW),
                range.formatted("agent_id is null", LeadStatus.RETRY));
    }

    private static List<Lead> bestFirst(Stream<Lead> leads, int limit) {
        return leads.sorted(Comparator.comparingInt(Lead::priority).reversed().thenComparingLong(Lead::id))
                .limit(limit).toList();
    }

    /** A lead version {@code tableVersion} of the tables said no to, why, and when they are to be asked again. */
    public record SetAside(long leadId, String why, Instant until, int tableVersion) {
    }

    /**
     * Takes leads the tables said no to out of the ready ones until they are asked again, and answers their ids. A
     * lead another session is busy with is left alone: that session decides about it.
     */
    public Set<Long> setAside(List<SetAside> setAside) {
        if (setAside.isEmpty()) {
            return Set.of();
        }
        Set<Long> free = new HashSet<>(jdbc.sql("select id from lead where id in (:ids) and ready = true for update skip locked")
                .param("ids", setAside.stream().map(SetAside::leadId).toList())
                .query(Long.class).list());
        List<SetAside> toUpdate = setAside.stream().filter(lead -> free.contains(lead.leadId())).toList();
        template.batchUpdate("update lead set ready = false, set_aside = ?, next_attempt_at = ?, set_aside_version = ? where id = ?",
                toUpdate, 500, (ps, lead) -> {
                    ps.setString(1, lead.why().length() > 1000 ? lead.why().substring(0, 1000) : lead.why());
                    ps.setObject(2, timestamp(lead.until()));
                    ps.setInt(3, lead.tableVersion());
                    ps.setLong(4, lead.leadId());
                });
        return free;
    }

    /**
     * Makes ready the leads whose time has come: their retry or callback is due, or the tables are to be asked about
     * them again. Safe on every node at once: each row is updated once, whoever comes first.
     */
    public int releaseDue(Instant now) {
        return jdbc.sql("""
                        update lead set ready = true, set_aside = null
                         where ready = false and next_attempt_at <= ? and dnd_screened = true and status in %s"""
                        .formatted(DIALABLE))
                .param(timestamp(now))
                .update();
    }

    /**
     * The calling window has closed in {@code zone}: the campaign's ready leads there are set aside until it opens
     * again, {@code opens}, without asking the tables.
     */
    public int closeWindow(String campaignId, String zone, String why, Instant opens) {
        return jdbc.sql("""
                        update lead set ready = false, set_aside = ?, next_attempt_at = ?, set_aside_version = null
                         where campaign_id = ? and timezone = ? and ready = true""")
                .params(why, timestamp(opens), campaignId, zone)
                .update();
    }

    /**
     * Version {@code tableVersion} of the tables decides afresh about every lead an older one set aside (or the
     * calling window did, which closes again at once where it is still closed).
     */
    public int releaseSetAside(int tableVersion, Instant now) {
        return jdbc.sql("""
                        update lead set ready = true, set_aside = null, set_aside_version = null, next_attempt_at = ?
                         where set_aside is not null and ready = false and status in %s
                           and (set_aside_version is null or set_aside_version <> ?)""".formatted(DIALABLE))
                .params(timestamp(now), tableVersion)
                .update();
    }

    /**
     * Promised callbacks still not dialled {@code grace} after their time, whose agent has no live session, go to
     * the campaign pool.
     */
    public int handOverCallbacks(Instant dueBefore) {
        return jdbc.sql("""
                        update lead set agent_id = null
                         where callback_at <= ? and agent_id is not null and status in %s
                           and not exists (select 1 from dialer_session s where s.live_agent_id = lead.agent_id)"""
                        .formatted(DIALABLE))
                .param(timestamp(dueBefore))
                .update();
    }

    /**
     * Why a campaign's leads can or cannot be dialled now: ready for the tables, not due yet, awaiting DND screening,
     * set aside by the tables (by the deciding rule's description), reserved, or out of dialling for good.
     */
    public record Summary(int ready, int notDue, int awaitingScreening, Map<String, Integer> setAsideByRule,
                          int dialling, int dnd, int doNotCall, int exhausted, int contacted) {
    }

    public Summary summary(String campaignId) {
        int[] counts = new int[9];
        Map<String, Integer> setAside = new java.util.TreeMap<>();
        jdbc.sql("""
                        select status, ready, dnd_screened, set_aside, count(*) as leads from lead
                         where campaign_id = ? group by status, ready, dnd_screened, set_aside""")
                .param(campaignId)
                .query(rs -> {
                    LeadStatus status = LeadStatus.valueOf(rs.getString("status"));
                    int n = rs.getInt("leads");
                    String aside = rs.getString("set_aside");
                    if (!status.isDialable()) {
                        counts[switch (status) {
                            case DIALLING -> 4;
                            case DND -> 5;
                            case DO_NOT_CALL -> 6;
                            case EXHAUSTED -> 7;
                            default -> 8;
                        }] += n;
                    } else if (rs.getBoolean("ready")) {
                        counts[0] += n;
                    } else if (!rs.getBoolean("dnd_screened")) {
                        counts[2] += n;
                    } else if (aside != null) {
                        setAside.merge(aside, n, Integer::sum);
                    } else {
                        counts[1] += n;
                    }
                });
        return new Summary(counts[0], counts[1], counts[2], setAside, counts[4], counts[5], counts[6], counts[7],
                counts[8]);
    }

    /**
     * {@code now} when a lead of the agent or of the pool is ready now; else the earliest time before {@code horizon}
     * at which one falls due; else empty.
     */
    public Optional<Instant> nextDue(String campaignId, String agentId, Instant now, Instant horizon) {
        if (!ready(campaignId, agentId, Set.of(), 1).isEmpty()) {
            return Optional.of(now);
        }
        return Optional.ofNullable(jdbc.sql("""
                        select min(next_attempt_at) from lead
                         where ready = false and next_attempt_at > :now and next_attempt_at <= :horizon
                           and campaign_id = :campaign and (agent_id = :agent or agent_id is null)
                           and status in %s and dnd_screened = true""".formatted(DIALABLE))
                .param("now", timestamp(now))
                .param("horizon", timestamp(horizon))
                .param("campaign", campaignId)
                .param("agent", agentId)
                .query((rs, row) -> instant(rs, 1)).list().get(0));
    }

    /** Up to {@code limit} of the campaign's ready leads, whoever's, the best priority first. */
    public List<Lead> readyOfCampaign(String campaignId, int limit) {
        return jdbc.sql("""
                        select * from lead where campaign_id = ? and ready = true
                         order by priority desc, id fetch first ? rows only""")
                .params(campaignId, limit).query(LeadRepository::map).list();
    }

    /** Whether the agent's or the pool's dialable leads include some that await DND screening. */
    public boolean awaitingScreening(String campaignId, String agentId) {
        return jdbc.sql("""
                        select count(*) from lead
                         where dnd_screened = false and campaign_id = :campaign and status in %s
                           and (agent_id = :agent or agent_id is null)""".formatted(DIALABLE))
                .param("campaign", campaignId)
                .param("agent", agentId)
                .query(Integer.class).single() > 0;
    }

    /**
     * How many leads the agent may still be given, own and pool, due or not, counted up to {@code cap} per range:
     * enough for the rules to tell "none" from "some" without counting a million rows.
     */
    public int countDialable(String campaignId, String agentId, int cap) {
        String range = "(select id from lead where campaign_id = :campaign and %s and status = '%s'"
                + fetchFirst(cap) + ")";
        return jdbc.sql("select count(*) from (" + dialableRanges(range) + ") dialable")
                .param("campaign", campaignId)
                .param("agent", agentId)
                .query(Integer.class).single();
    }

    /**
     * A row limit written into the statement, not bound: with the limit a parameter, PostgreSQL judges every plan
     * made for the given values cheaper than its generic one and plans the statement afresh on each call (a
     * millisecond, more than running it); with the limit written in, it plans it once per connection.
     */
    private static String fetchFirst(int limit) {
        return " fetch first %d rows only".formatted(limit);
    }

    /**
     * Takes the lead for one session, provided it is still as it was when scored: false when another session
     * took it first, or dialled it meanwhile. {@code today} is the lead's local date, for attempts per day. A
     * lead another session is reserving right now is skipped ({@code waitIfLocked} false) or waited for.
     */
    @Transactional
    public boolean reserve(Lead scored, String sessionId, Instant now, LocalDate today, boolean waitIfLocked) {
        boolean unchangedAndFree = jdbc.sql("""
                        select id from lead
                         where id = :id and ready = true and attempts = :attempts
                           for update%s""".formatted(waitIfLocked ? "" : " skip locked"))
                .param("id", scored.id())
                .param("attempts", scored.attempts())
                .query(Long.class).optional().isPresent();
        return unchangedAndFree && jdbc.sql("""
                        update lead set status = 'DIALLING', reserved_by = :session, attempts = attempts + 1,
                                        last_attempt_at = :now, ready = false, callback_at = null,
                                        attempts_today = case when attempts_day = :today then attempts_today + 1
                                                              else 1 end,
                                        attempts_day = :today
                         where id = :id""")
                .param("session", sessionId)
                .param("now", timestamp(now))
                .param("today", today)
                .param("id", scored.id())
                .update() == 1;
    }

    /** A lead not yet screened against the DND registry, with what decides whether it needs to be. */
    public record Unscreened(long id, String phone, String altPhones, LeadStatus status, boolean transactional) {

        /** The main number and the alternates, each of which may be dialled. */
        public List<String> numbers() {
            List<String> numbers = new ArrayList<>(List.of(phone));
            if (altPhones != null) {
                numbers.addAll(List.of(altPhones.split(",")));
            }
            return numbers;
        }


        public boolean needsLookup() {
            return !transactional && status.isDialable();
        }
    }

    /**
     * Claims for this node, for {@code lease}, leads not yet screened against the DND registry, those most likely to
     * be dialled next first (best priority, then oldest); leads another node is claiming or screening are skipped.
     * The order names dnd_screened too, though it is fixed: H2 then reads lead_unscreened in order instead of sorting
     * every unscreened lead.
     */
    @Transactional
    public List<Unscreened> claimUnscreened(int limit, Duration lease) {
        Instant now = clock.instant();
        List<Long> ids = jdbc.sql("""
                        select id from lead
                         where dnd_screened = false and (screening_until is null or screening_until < ?)
                         order by dnd_screened, priority desc, id fetch first ? rows only for update skip locked""")
                .params(timestamp(now), limit)
                .query(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("update lead set screening_until = :until where id in (:ids)")
                .param("until", timestamp(now.plus(lease))).param("ids", ids).update();
        return jdbc.sql("""
                        select l.id, l.phone, l.alt_phones, l.status, c.transactional
                          from lead l join campaign c on c.id = l.campaign_id
                         where l.id in (:ids)
                         order by l.priority desc, l.id""")
                .param("ids", ids)
                .query(Unscreened.class).list();
    }

    /** Screening these leads was put off: any node may claim them at its next round. */
    public void releaseScreeningClaims(List<Long> leadIds) {
        jdbc.sql("update lead set screening_until = null where id in (:ids)").param("ids", leadIds).update();
    }

    /** The lead's number was screened: it is ready if dialable and due. */
    public void screened(long leadId) {
        jdbc.sql("""
                        update lead set dnd_screened = true, screening_until = null,
                                        ready = case when status in %s
                                                      and (next_attempt_at is null or next_attempt_at <= ?)
                                                     then true else false end
                         where id = ?""".formatted(DIALABLE))
                .params(timestamp(clock.instant()), leadId).update();
    }

    /** The lead's DND status is no longer known (its answer expired): it waits for screening again. */
    public void unscreened(long leadId) {
        jdbc.sql("update lead set dnd_screened = false, ready = false where id = ?").param(leadId).update();
    }

    /**
     * A campaign's leads set aside as DND whose number no answer since {@code knownSince} says is on the registry:
     * dialable again (NEW if never dialled), once screened afresh. Answers how many.
     */
    public int rescreenDnd(String campaignId, Instant knownSince) {
        return jdbc.sql("""
                        update lead set status = case when attempts = 0 then 'NEW' else 'RETRY' end,
                                        dnd_screened = false, screening_until = null, ready = false
                         where campaign_id = ? and status = 'DND'
                           and not exists (select 1 from number_dnd d
                                            where d.phone = lead.phone and d.dnd = true and d.checked_at > ?)""")
                .params(campaignId, timestamp(knownSince))
                .update();
    }

    /** Takes a lead out of dialling for good (DND, do not call), unless a session reserved it meanwhile. */
    public boolean block(long leadId, LeadStatus status) {
        return jdbc.sql("update lead set status = ?, ready = false, next_attempt_at = null where id = ? and status in "
                        + DIALABLE)
                .params(status.name(), leadId)
                .update() == 1;
    }

    /** Hands a campaign's dialable leads of one agent (or of the pool, null) to another agent (or the pool). */
    public int reassign(String campaignId, String fromAgentId, String toAgentId) {
        return jdbc.sql("""
                        update lead set agent_id = :to
                         where campaign_id = :campaign and status in %s
                           and (agent_id = :from or (cast(:from as varchar(64)) is null and agent_id is null))"""
                        .formatted(DIALABLE))
                .param("to", toAgentId)
                .param("campaign", campaignId)
                .param("from", fromAgentId)
                .update();
    }

    /**
     * Records what the last attempt came to and releases the reservation; {@code nextNumber} moves on to the
     * lead's next alternate number.
     */
    public void settle(long leadId, LeadStatus status, String lastOutcome, Instant nextAttemptAt, boolean nextNumber) {
        settle(leadId, status, lastOutcome, nextAttemptAt, nextNumber, "");
    }

    /** As {@link #settle}, unless a session is dialling the lead meanwhile: an agent's late word never undoes that. */
    public void settleUnlessDialling(long leadId, LeadStatus status, String lastOutcome, Instant nextAttemptAt,
                                     boolean nextNumber) {
        settle(leadId, status, lastOutcome, nextAttemptAt, nextNumber, " and status <> 'DIALLING'");
    }

    private void settle(long leadId, LeadStatus status, String lastOutcome, Instant nextAttemptAt, boolean nextNumber,
                        String condition) {
        jdbc.sql("""
                        update lead set status = ?, last_outcome = ?, next_attempt_at = ?, reserved_by = null,
                                        phone_index = phone_index + ?, ready = (dnd_screened and ?)
                         where id = ?""" + condition)
                .params(status.name(), lastOutcome, timestamp(nextAttemptAt), nextNumber ? 1 : 0,
                        readyNow(status, nextAttemptAt), leadId)
                .update();
    }

    /** Dialable, and due now rather than later (the release sweep makes it ready then). */
    private boolean readyNow(LeadStatus status, Instant dueAt) {
        return status.isDialable() && (dueAt == null || !dueAt.isAfter(clock.instant()));
    }

    /** The agent asked to call back at {@code callbackAt}: the lead is theirs, due then. */
    public void scheduleCallback(long leadId, String agentId, Instant callbackAt) {
        jdbc.sql("""
                        update lead set status = 'RETRY', agent_id = ?, callback_at = ?, next_attempt_at = ?,
                                        ready = (dnd_screened and ?), set_aside = null
                         where id = ?""")
                .params(agentId, timestamp(callbackAt), timestamp(callbackAt),
                        readyNow(LeadStatus.RETRY, callbackAt), leadId)
                .update();
    }

    private static Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getLong("id"), rs.getString("campaign_id"), rs.getString("agent_id"),
                rs.getString("phone"), rs.getString("name"), rs.getInt("priority"), rs.getString("timezone"),
                rs.getString("attributes"), LeadStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_outcome"), instant(rs, "last_attempt_at"),
                instant(rs, "next_attempt_at"), rs.getString("reserved_by"),
                rs.getString("alt_phones") == null ? List.of() : List.of(rs.getString("alt_phones").split(",")),
                rs.getInt("phone_index"), instant(rs, "callback_at"), rs.getInt("attempts_today"),
                rs.getObject("attempts_day", LocalDate.class), instant(rs, "created_at"),
                rs.getBoolean("ready"), rs.getString("set_aside"));
    }

}
