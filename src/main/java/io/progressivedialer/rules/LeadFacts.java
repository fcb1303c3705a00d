package io.progressivedialer.rules;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.lead.ColumnNames;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the decision tables may read about a lead, by the names an analyst sees in Camunda Modeler: the dialer's own
 * facts and every imported attribute column under its header name.
 */
@Component
public class LeadFacts implements FactNames {

    /** How many of the newest leads' columns are known to the tables' checks. */
    private static final int COLUMN_SAMPLE = 2000;


    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final ObjectMapper json;
    private final LeadRepository leads;

    public LeadFacts(ObjectMapper json, LeadRepository leads) {
        this.json = json;
        this.leads = leads;
    }

    /** The reserved names and every column, by header and fact name, of the newest 2,000 leads with columns. */
    @Override
    public Set<String> known() {
        Set<String> names = new HashSet<>(ColumnNames.RESERVED);
        for (String attributes : leads.newestAttributes(COLUMN_SAMPLE)) {
            try {
                json.readValue(attributes, ATTRIBUTES).keySet().forEach(header -> {
                    names.add(header);
                    names.add(ColumnNames.factName(header));
                });
            } catch (JsonProcessingException unreadable) {
                // a lead whose columns cannot be read gives the tables none
            }
        }
        return names;
    }

    /** The lead's zone: its own, or else the campaign's. */
    public static ZoneId zone(Campaign campaign, Lead lead) {
        return lead.timezone() == null ? campaign.timezone() : ZoneId.of(lead.timezone());
    }

    public static LocalDate localDate(Campaign campaign, Lead lead, Instant now) {
        return now.atZone(zone(campaign, lead)).toLocalDate();
    }

    /** Whether the campaign's calling window is open now in the lead's own zone. */
    public static boolean withinCallWindow(Campaign campaign, Lead lead, Instant now) {
        return campaign.windowOpen(zone(campaign, lead), now);
    }

    /** When the campaign's calling window next opens in the lead's zone. */
    public static Instant windowOpens(Campaign campaign, Lead lead, Instant now) {
        return campaign.windowOpens(zone(campaign, lead), now);
    }

    /** The facts lead-selection reads about {@code lead}, offered to {@code agentId}. */
    public Map<String, Object> forSelection(Campaign campaign, Lead lead, String agentId, Instant now) {
        ZonedDateTime local = now.atZone(zone(campaign, lead));
        Map<String, Object> facts = new HashMap<>(columns(lead));
        facts.put("priority", lead.priority());
        facts.put("attempts", lead.attempts());
        facts.put("attemptsToday", lead.attemptsOn(local.toLocalDate()));
        facts.put("lastOutcome", lead.lastOutcome());
        facts.put("minutesSinceLastAttempt", lead.lastAttemptAt() == null ? null
                : Duration.between(lead.lastAttemptAt(), now).toMinutes());
        facts.put("localHour", local.getHour());
        facts.put("localDayOfWeek", local.getDayOfWeek().name());
        facts.put("withinCallWindow", withinCallWindow(campaign, lead, now));
        facts.put("callbackDue", lead.callbackAt() != null && !lead.callbackAt().isAfter(now));
        facts.put("ownLead", lead.agentId() != null && lead.agentId().equals(agentId));
        facts.put("timezone", zone(campaign, lead).getId());
        facts.put("leadAgeDays", lead.createdAt() == null ? 0 : Duration.between(lead.createdAt(), now).toDays());
        facts.put("campaignId", campaign.id());
        facts.put("agentId", agentId);
        return facts;
    }

    /**
     * The lead's imported columns as the tables read them: by header, and a header that is no identifier (the tables
     * cannot write {@code Loan Amount}) also by its {@link ColumnNames#factName fact name} ({@code Loan_Amount}).
     */
    public Map<String, Object> columns(Lead lead) {
        Map<String, Object> columns = new HashMap<>(attributes(lead));
        attributes(lead).forEach((header, value) -> columns.putIfAbsent(ColumnNames.factName(header), value));
        return columns;
    }


    /** The lead's imported columns by header name, as strings. */
    public Map<String, String> attributes(Lead lead) {
        if (lead.attributes() == null) {
            return Map.of();
        }
        try {
            return json.readValue(lead.attributes(), ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead " + lead.id() + " has unreadable attributes", e);
        }
    }
}
