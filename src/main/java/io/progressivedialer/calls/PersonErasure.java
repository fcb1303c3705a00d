package io.progressivedialer.calls;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.common.DialerException;
import io.progressivedialer.common.Hashes;
import io.progressivedialer.common.PhoneNumbers;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a person on request: their leads lose number, name, columns and alternates and leave dialling; their call
 * records lose the number, notes and recording; CRM posts, stored webhooks (payload and detail) and desk events
 * naming the number in any of its forms are blanked or dropped, and DND answers about it forgotten. The erasure itself is logged under a hash of the number. A do-not-call entry stays, so that the person is
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
        String anyForm = "%" + phoneNumbers.significantDigits(phone) + "%";
        jdbc.sql("update crm_outbox set payload = ? where payload like ?").params(blank, anyForm).update();
        // a webhook not yet applied can no longer be: it is kept as given up on, not tried again and again
        jdbc.sql("""
                        update webhook_inbox set payload = ?, detail = 'erased with the person it named',
                               state = case when state in ('PENDING', 'RETRYING', 'RECEIVED', 'APPLYING')
                                            then 'FAILED' else state end
                         where payload like ? or detail like ?""")
                .params(blank, anyForm, anyForm).update();
        jdbc.sql("delete from desk_event where payload like ?").param(anyForm).update();
        jdbc.sql("delete from number_dnd where phone = ?").param(phone).update();
        jdbc.sql("insert into erasure_log (phone_hash, leads, calls, erased_at) values (?, ?, ?, ?)")
                .params(Hashes.sha256(phone), leadIds.size(), calls, timestamp(clock.instant())).update();
        return new Erasure(leadIds.size(), calls);
    }
}
