package io.progressivedialer.agents;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AgentRepository {

    private final JdbcClient jdbc;

    public AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(Agent agent) {
        int updated = jdbc.sql("update agent set name = ?, phone = ? where id = ?")
                .params(agent.name(), agent.phone(), agent.id())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into agent (id, name, phone) values (?, ?, ?)")
                    .params(agent.id(), agent.name(), agent.phone())
                    .update();
        }
    }

    public List<Agent> list() {
        return jdbc.sql("select id, name, phone from agent order by id").query(Agent.class).list();
    }

    public Optional<Agent> find(String id) {
        return jdbc.sql("select id, name, phone from agent where id = ?").param(id)
                .query(Agent.class).optional();
    }

    public void setPasswordHash(String id, String passwordHash) {
        jdbc.sql("update agent set password_hash = ? where id = ?").params(passwordHash, id).update();
    }

    public Optional<String> passwordHash(String id) {
        return jdbc.sql("select password_hash from agent where id = ? and password_hash is not null").param(id)
                .query(String.class).optional();
    }
}
