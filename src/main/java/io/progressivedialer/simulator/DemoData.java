package io.progressivedialer.simulator;

import io.progressivedialer.agents.Agent;
import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.exotel.ConnectSettings;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignStatus;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.LeadImport;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.session.SessionService;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import io.progressivedialer.security.Logins;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * With the stand-in in place of Exotel, a fresh start shows the whole loop: a demo campaign, a few agents
 * with their leads, and a running session for each.
 */
@Component
@ExotelStandIn
@ConditionalOnProperty(name = "dialer.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String CAMPAIGN = "demo";
    static final String AGENT_PASSWORD = Logins.DEMO_AGENT_PASSWORD;

    private final CampaignRepository campaigns;
    private final AgentRepository agents;
    private final LeadImport leadImport;
    private final LeadRepository leads;
    private final SessionService sessions;
    private final PasswordEncoder passwords;
    private final int agentCount;
    private final int leadsPerAgent;
    private final String adminUser;
    private final String adminPassword;

    DemoData(CampaignRepository campaigns, AgentRepository agents, LeadImport leadImport, LeadRepository leads,
             SessionService sessions,
             PasswordEncoder passwords, @Value("${dialer.demo.agents:4}") int agentCount,
             @Value("${dialer.demo.leads-per-agent:25}") int leadsPerAgent,
             @Value("${dialer.admin.username}") String adminUser,
             @Value("${dialer.admin.password}") String adminPassword) {
        this.campaigns = campaigns;
        this.agents = agents;
        this.leadImport = leadImport;
        this.leads = leads;
        this.sessions = sessions;
        this.passwords = passwords;
        this.agentCount = agentCount;
        this.leadsPerAgent = leadsPerAgent;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** Leads are dialled once screened for DND; the demo's sessions start when they are, or after 30 s. */
    private void awaitScreening() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (leads.summary(CAMPAIGN).awaitingScreening() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void startDemo() {
        if (campaigns.list().stream().anyMatch(campaign -> !campaign.id().equals(CAMPAIGN))) {
            log.warn("No demo: the database holds campaigns other than the demo's; the demo only ever seeds a "
                    + "database of its own (set dialer.demo.enabled=false to silence this)");
            return;
        }
        // Demo calls run round the clock, unlike a real campaign's 09:00-21:00.
        // a minute of after-call work: time to fill the desk's outcome form before the next customer
        campaigns.save(new Campaign(CAMPAIGN, "Demo campaign", "+917314853246", "383431",
                ZoneId.of("Asia/Kolkata"), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, false, 60,
                CampaignStatus.ACTIVE, ConnectSettings.DEFAULTS));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone,city\n");
        for (int a = 1; a <= agentCount; a++) {
            String agentId = "agent-" + a;
            agents.save(new Agent(agentId, "Demo agent " + a, "+91990000%04d".formatted(a)));
            agents.setPasswordHash(agentId, passwords.encode(AGENT_PASSWORD));
            campaigns.addAgent(CAMPAIGN, agentId);
            for (int l = 1; l <= leadsPerAgent; l++) {
                csv.append("+9198%08d,Customer %d-%d,%s,%d,,Bengaluru\n".formatted(a * 10000 + l, a, l, agentId, l % 5));
            }
        }
        LeadImport.Report report = leadImport.importCsv(CAMPAIGN, new StringReader(csv.toString()));
        awaitScreening();
        for (int a = 1; a <= agentCount; a++) {
            sessions.start("agent-" + a, CAMPAIGN);
        }
        // the administrator's password is shown only when it is the demo's own, never one set for this dialer
        log.info("DEMO with the embedded Exotel stand-in, no real calls: {} agents dialling {} leads. Watch them in "
                        + "Cockpit at /camunda (login {} / {}); agent desks at /agent.html (login agent-1 / {}).",
                agentCount, report.imported(), adminUser, "demo".equals(adminPassword) ? "demo" : "your password",
                AGENT_PASSWORD);
    }
}
