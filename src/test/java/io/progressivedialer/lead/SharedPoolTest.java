package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Several agents dialling one campaign pool at the same time. */
public class SharedPoolTest extends PassiveExotelTest {

    static final int AGENTS = 4;
    static final int POOL = 40;

    @Test
    void everyPoolLeadIsDialledOnceAndNoAgentIsIdleWhileOneIsLeft() throws Exception {
        String campaign = newCampaign();
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int i = 0; i < POOL; i++) {
            csv.append(newLeadPhone()).append(",Pool lead,,").append(i % 4).append(",\n");
        }
        importLeads(campaign, csv.toString());
        List<JsonNode> sessions = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            sessions.add(startConnectedSession(newAgent(), campaign));
        }
        List<String> dialled = Collections.synchronizedList(new ArrayList<>());
        List<Integer> newLeadsWhenToldNoNumber = Collections.synchronizedList(new ArrayList<>());

        ExecutorService agents = Executors.newFixedThreadPool(AGENTS);
        List<Callable<Integer>> shifts = sessions.stream().<Callable<Integer>>map(session -> () -> {
            int calls = 0;
            for (String number = dialWhom(session); number != null; number = dialWhom(session)) {
                dialled.add(number);
                calls++;
                assertThat(passthru(session, number, "completed", 5).statusCode()).isEqualTo(200);
            }
            newLeadsWhenToldNoNumber.add(read(get("/api/leads?campaign=" + campaign + "&status=NEW")).size());
            return calls;
        }).toList();
        List<Integer> callsPerAgent = new ArrayList<>();
        for (Future<Integer> shift : agents.invokeAll(shifts)) {
            callsPerAgent.add(shift.get());
        }
        agents.shutdown();

        assertThat(dialled).hasSize(POOL).doesNotHaveDuplicates();
        assertThat(newLeadsWhenToldNoNumber).containsOnly(0);
        assertThat(callsPerAgent).allSatisfy(calls -> assertThat(calls).isPositive());
        assertThat(read(get("/api/leads?campaign=" + campaign + "&status=CONTACTED")).size()).isEqualTo(POOL);
    }
}
