package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.exotel.ConnectSettings;
import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.agents.Agent;
import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.campaigns.CampaignStatus;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadImport;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.session.DialerSession;
import io.progressivedialer.session.SessionService;
import io.progressivedialer.session.SessionStatus;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A floor of agents run by the embedded Exotel stand-in over HTTP: seeds a campaign, starts every agent's
 * session, waits for all to end, and checks what must hold after any run: no process left, each lead dialled
 * exactly once.
 */
abstract class StandInRun {

    @Autowired
    CampaignRepository campaigns;
    @Autowired
    AgentRepository agents;
    @Autowired
    LeadImport leadImport;
    @Autowired
    LeadRepository leads;
    @Autowired
    CallRecordRepository calls;
    @Autowired
    SessionService sessions;
    @Autowired
    RuntimeService runtime;

    /** A round-the-clock campaign, its agents with their own leads, and pool leads; answers the agent ids. */
    List<String> seed(String campaign, int agentCount, int ownLeadsPerAgent, int poolLeads, String phonePrefix)
            throws InterruptedException {
        return seed(campaign, agentCount, ownLeadsPerAgent, poolLeads, phonePrefix, 0);
    }

    /** As above, with {@code wrapUpSeconds} of after-call work after every call. */
    List<String> seed(String campaign, int agentCount, int ownLeadsPerAgent, int poolLeads, String phonePrefix,
                      int wrapUpSeconds) throws InterruptedException {
        campaigns.save(new Campaign(campaign, campaign, "+917314853246", "383431", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, false, wrapUpSeconds, CampaignStatus.ACTIVE,
                ConnectSettings.DEFAULTS));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int a = 0; a < agentCount; a++) {
            agents.save(new Agent(campaign + "-agent-" + a, "Agent " + a, "+9199" + phonePrefix + "0%06d".formatted(a)));
            campaigns.addAgent(campaign, campaign + "-agent-" + a);
            for (int l = 0; l < ownLeadsPerAgent; l++) {
                csv.append("+9198%s0%06d,Lead,%s-agent-%d,%d,\n".formatted(phonePrefix, a * 100 + l, campaign, a, l % 3));
            }
        }
        for (int p = 0; p < poolLeads; p++) {
            csv.append("+9198%s9%06d,Pool lead,,1,\n".formatted(phonePrefix, p));
        }
        assertThat(leadImport.importCsv(campaign, new StringReader(csv.toString())).imported())
                .isEqualTo(agentCount * ownLeadsPerAgent + poolLeads);
        awaitScreening(campaign);
        return IntStream.range(0, agentCount).mapToObj(a -> campaign + "-agent-" + a).toList();
    }

    /** Waits until the background screening has learnt the DND status of every lead of the campaign. */
    void awaitScreening(String campaign) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (leads.summary(campaign).awaitingScreening() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(leads.summary(campaign).awaitingScreening()).as("leads awaiting screening").isZero();
    }

    /** Starts a session for each agent and answers them once all have ended, or once patience runs out. */
    List<DialerSession> runUntilAllEnded(String campaign, List<String> agentIds, Duration patience)
            throws InterruptedException {
        return awaitAllEnded(startAll(campaign, agentIds), patience);
    }

    List<String> startAll(String campaign, List<String> agentIds) {
        return agentIds.stream().map(agent -> sessions.start(agent, campaign).sessionId()).toList();
    }

    /** Answers the sessions once all have ended, or once patience runs out. */
    List<DialerSession> awaitAllEnded(List<String> sessionIds, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline
                && !sessionIds.stream().allMatch(id -> sessions.get(id).status() == SessionStatus.ENDED)) {
            Thread.sleep(100);
        }
        List<DialerSession> ended = sessionIds.stream().map(sessions::get).toList();
        assertThat(ended).allSatisfy(session -> assertThat(session.status()).isEqualTo(SessionStatus.ENDED));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("agent-session").count()).isZero();
        return ended;
    }

    /** Every lead of the campaign was dialled exactly once, and the sessions counted each call once. */
    void assertEachLeadDialledOnce(String campaign, List<DialerSession> ended) {
        List<Lead> all = leads.list(campaign, null, 10_000);
        List<CallRecord> records = calls(campaign);
        Map<Long, Long> callsPerLead = records.stream()
                .collect(Collectors.groupingBy(CallRecord::leadId, Collectors.counting()));
        assertThat(all).isNotEmpty().allSatisfy(lead -> {
            assertThat(callsPerLead.get(lead.id())).as("calls to lead %s", lead.phone()).isEqualTo(1L);
            assertThat(lead.attempts()).as("attempts of %s", lead.phone()).isEqualTo(1);
            assertThat(lead.reservedBy()).isNull();
        });
        assertThat(ended.stream().mapToInt(DialerSession::callsMade).sum()).isEqualTo(records.size());
    }

    List<CallRecord> calls(String campaign) {
        List<Long> leadIds = leads.list(campaign, null, 10_000).stream().map(Lead::id).toList();
        return calls.list(CallRecordRepository.CallSearch.of(null, null), 100_000, false).stream().filter(c -> leadIds.contains(c.leadId())).toList();
    }
}
