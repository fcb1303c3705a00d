package io.progressivedialer.lead;

import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports a campaign's leads from CSV: valid rows go in, each bad row is reported with its line and reason. */
@Service
public class LeadImport {

    static final List<String> REQUIRED_COLUMNS = List.of("phone", "name", "agent", "priority", "timezone");
    /** Alternate numbers, separated by {@code ;}, tried in order after the main number failed. */
    static final String ALT_PHONE = "alt_phone";
    /** A callback time: ISO-8601 with an offset, or a local date and time in the lead's zone. */
    static final String CALLBACK_AT = "callback_at";
    static final List<String> OPTIONAL_COLUMNS = List.of(ALT_PHONE, CALLBACK_AT);
    private static final int MAX_FIELD = 200;
    private static final int MAX_ATTRIBUTES = 4000;
    private static final int MAX_ALT_PHONES = 5;
    /**
     * Rows stored as they are read, this many at a time (in the import's one transaction), the progress told after
     * each batch: a long import can say how far it has got, and the rows parsed but not stored stay few.
     */
    private static final int STORE_EVERY = 1000;

    private final CampaignRepository campaigns;
    private final AgentRepository agents;
    private final LeadRepository leads;
    private final PhoneNumbers phoneNumbers;
    private final ObjectMapper json;
    private final Clock clock;

    public LeadImport(CampaignRepository campaigns, AgentRepository agents, LeadRepository leads,
                      PhoneNumbers phoneNumbers, ObjectMapper json, Clock clock) {
        this.campaigns = campaigns;
        this.agents = agents;
        this.leads = leads;
        this.phoneNumbers = phoneNumbers;
        this.json = json;
        this.clock = clock;
    }

    public record Rejection(long line, String reason) {
    }

    public record Report(int imported, int rejected, List<Rejection> rejections) {
    }

    /** Told how many rows the import has checked and stored each time it stores a batch. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = rowsRead -> { };

        void stored(int rowsRead);
    }

    @Transactional
    public Report importCsv(String campaignId, Reader csv) {
        return importCsv(campaignId, csv, Progress.NONE);
    }

    @Transactional
    public Report importCsv(String campaignId, Reader csv, Progress progress) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> DialerException.notFound("campaign", campaignId));
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        try (CSVParser parser = format.parse(csv)) {
            List<String> header = parser.getHeaderNames();
            if (!header.containsAll(REQUIRED_COLUMNS)) {
                throw DialerException.badRequest("the CSV header must start with " + String.join(",", REQUIRED_COLUMNS)
                        + " but was " + String.join(",", header));
            }
            List<String> attributeColumns = header.stream()
                    .filter(c -> !REQUIRED_COLUMNS.contains(c) && !OPTIONAL_COLUMNS.contains(c)).toList();
            List<String> reserved = attributeColumns.stream().filter(ColumnNames.RESERVED::contains).toList();
            if (!reserved.isEmpty()) {
                throw DialerException.badRequest("columns " + String.join(",", reserved) + " are named like facts the "
                        + "decision tables read; rename them");
            }
            Set<String> knownPhones = leads.phonesOf(campaignId);
            Set<String> knownAgents = new HashSet<>();
            Instant now = clock.instant();
            List<LeadRepository.NewLead> accepted = new ArrayList<>();
            int imported = 0;
            List<Rejection> rejections = new ArrayList<>();
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    LeadRepository.NewLead lead = parse(campaign, row, attributeColumns, knownAgents);
                    if (!knownPhones.add(lead.phone())) {
                        throw DialerException.badRequest("duplicate of a lead already in the campaign: " + lead.phone());
                    }
                    accepted.add(lead);
                } catch (DialerException e) {
                    rejections.add(new Rejection(line, e.getMessage()));
                }
                if (accepted.size() == STORE_EVERY) {
                    imported += store(accepted, now, campaign);
                    progress.stored(imported + rejections.size());
                }
            }
            imported += store(accepted, now, campaign);
            return new Report(imported, rejections.size(), rejections);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw DialerException.badRequest("the body is not readable CSV: " + e.getMessage());
        }
    }

    /** Stores the rows read so far and empties the list; answers how many. */
    private int store(List<LeadRepository.NewLead> accepted, Instant now, Campaign campaign) {
        int count = accepted.size();
        leads.insertAll(accepted, now, campaign.transactional());
        accepted.clear();
        return count;
    }

    private LeadRepository.NewLead parse(Campaign campaign, CSVRecord row, List<String> attributeColumns,
                                         Set<String> knownAgents) {
        if (!row.isConsistent()) {
            throw DialerException.badRequest("expected " + row.getParser().getHeaderNames().size()
                    + " columns but found " + row.size());
        }
        String phone = phoneNumbers.toE164(row.get("phone"))
                .orElseThrow(() -> DialerException.badRequest("invalid phone: " + row.get("phone")));
        String name = bounded(row.get("name"), "name");
        String agent = row.get("agent").isEmpty() ? null : row.get("agent");
        if (agent != null && !knownAgents.contains(agent)) {
            if (agents.find(agent).isEmpty()) {
                throw DialerException.badRequest("unknown agent: " + bounded(agent, "agent"));
            }
            knownAgents.add(agent);
        }
        int priority = priority(row.get("priority"));
        String timezone = row.get("timezone").isEmpty()
                ? phoneNumbers.timeZone(phone).orElse(campaign.timezone().getId())
                : zone(row.get("timezone"));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String column : attributeColumns) {
            if (!row.get(column).isEmpty()) {
                attributes.put(column, bounded(row.get(column), column));
            }
        }
        String attributesJson = toJson(attributes);
        if (attributesJson != null && attributesJson.length() > MAX_ATTRIBUTES) {
            throw DialerException.badRequest("the extra columns together are longer than " + MAX_ATTRIBUTES
                    + " characters");
        }
        List<String> altPhones = row.isMapped(ALT_PHONE) ? altPhones(row.get(ALT_PHONE), phone) : List.of();
        Instant callbackAt = row.isMapped(CALLBACK_AT) ? callbackAt(row.get(CALLBACK_AT), ZoneId.of(timezone)) : null;
        return new LeadRepository.NewLead(campaign.id(), agent, phone, name, priority, timezone, attributesJson,
                altPhones, callbackAt);
    }

    private List<String> altPhones(String value, String mainPhone) {
        List<String> phones = new ArrayList<>();
        for (String raw : value.split(";")) {
            if (raw.isBlank()) {
                continue;
            }
            String phone = phoneNumbers.toE164(raw)
                    .orElseThrow(() -> DialerException.badRequest("invalid alt_phone: " + bounded(raw, ALT_PHONE)));
            if (!phone.equals(mainPhone) && !phones.contains(phone)) {
                phones.add(phone);
            }
        }
        if (phones.size() > MAX_ALT_PHONES) {
            throw DialerException.badRequest("at most " + MAX_ALT_PHONES + " alternate numbers");
        }
        return phones;
    }

    private static Instant callbackAt(String value, ZoneId zone) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw DialerException.badRequest("callback_at is not a date and time such as 2026-11-25T10:30: "
                        + bounded(value, CALLBACK_AT));
            }
        }
    }

    private static int priority(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        try {
            int priority = Integer.parseInt(value);
            if (priority < 0 || priority > 100) {
                throw DialerException.badRequest("priority must be between 0 and 100: " + value);
            }
            return priority;
        } catch (NumberFormatException e) {
            throw DialerException.badRequest("priority is not a whole number: " + bounded(value, "priority"));
        }
    }

    private static String zone(String value) {
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw DialerException.badRequest("unknown time zone: " + bounded(value, "timezone"));
        }
    }

    private static String bounded(String value, String column) {
        if (value.length() > MAX_FIELD) {
            throw DialerException.badRequest(column + " is longer than " + MAX_FIELD + " characters");
        }
        return value;
    }

    private String toJson(Map<String, String> attributes) {
        try {
            return attributes.isEmpty() ? null : json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A lead's columns as stored, checked as an import checks them: no name of a fact the tables read, and within
     * the column's size. An empty map clears them.
     */
    String attributesJson(Map<String, String> attributes) {
        List<String> reserved = attributes.keySet().stream().filter(ColumnNames.RESERVED::contains).toList();
        if (!reserved.isEmpty()) {
            throw DialerException.badRequest("columns " + String.join(",", reserved) + " are named like facts the "
                    + "decision tables read; rename them");
        }
        String text = attributes.isEmpty() ? "{}" : toJson(attributes);
        if (text.length() > MAX_ATTRIBUTES) {
            throw DialerException.badRequest("the columns together are longer than " + MAX_ATTRIBUTES + " characters");
        }
        return text;
    }
}
