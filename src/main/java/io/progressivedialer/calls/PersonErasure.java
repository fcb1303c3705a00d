package io.progressivedialer.calls;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person on request: their leads lose number, name, columns and alternates and leave dialling; their call
 * records lose the number, notes and recording; CRM posts, stored webhooks and DND answers naming the number are
 * blanked. The erasure itself is logged under a hash of the number. A do-not-call entry stays, so that the person is
 * not called again.
 */
@Service
public class PersonErasure {

    public record Erasure(int leads, int calls) {
    }

    private final JdbcClient jdbc;
    private final PhoneNumbers phoneNumbers;
    private final Clock clock;

    PersonErasure(JdbcClient jdbc, PhoneNumbers phoneNumbers, Clock clock) {
        this.jdbc = jdbc;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    @Transactional
    public Erasure erase(String rawPhone) {
        String phone = phoneNumbers.requireE164(rawPhone, "phone");
        String national = phone.startsWith("+91") ? "0" + phone.substring(3) : phone;
        List<Long> leadIds = jdbc.sql("select id from lead where phone = ? or alt_phones like ?")
                .params(phone, "%" + phone + "%").query(Long.class).list();
        if (!leadIds.isEmpty() && jdbc.sql("select count(*) from lead where id in (:ids) and status = 'DIALLING'")
                .param("ids", leadIds).query(Integer.class).single() > 0) {
            throw DialerException.conflict("a session is dialling " + phone + "; erase it after the call");
        }
        int calls = jdbc.sql("""
                        update call_record set number = 'erased', notes = null, recording_url = null
                         where number = :phone%s""".formatted(leadIds.isEmpty() ? "" : " or lead_id in (:ids)"))
                .param("phone", phone)
                .params(leadIds.isEmpty() ? java.util.Map.of() : java.util.Map.of("ids", leadIds))
                .update();
        if (leadIds.isEmpty() && calls == 0) {
            throw DialerException.notFound("person", phone);
        }
        for (Long id : leadIds) {
            jdbc.sql("""
                            update lead set phone = ?, name = null, attributes = null, alt_phones = null,
                                            status = 'REMOVED', ready = false, set_aside = null, callback_at = null,
                                            next_attempt_at = null
                             where id = ?""")
                    .params("erased:" + id, id).update();
        }
        String blank = "{\"erased\":true}";
        for (String form : List.of(phone, national)) {
            jdbc.sql("update crm_outbox set payload = ? where payload like ?").params(blank, "%" + form + "%").update();
            jdbc.sql("update webhook_inbox set payload = ? where payload like ?").params(blank, "%" + form + "%")
                    .update();
        }
        jdbc.sql("delete from number_dnd where phone = ?").param(phone).update();
        jdbc.sql("insert into erasure_log (phone_hash, leads, calls, erased_at) values (?, ?, ?, ?)")
                .params(sha256(phone), leadIds.size(), calls, timestamp(clock.instant())).update();
        return new Erasure(leadIds.size(), calls);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
