package io.agenthub.backoffice;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code connectors/back-office.schema.sql}: the sandbox back office's tables, made in an empty database. The file
 * is plain SQL statements ended by {@code ;}, with {@code --} comments, as a DBA would hand it over.
 */
public final class BackOfficeSchema {

    private final List<String> statements;

    private BackOfficeSchema(List<String> statements) {
        this.statements = statements;
    }

    public static BackOfficeSchema of(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            withoutComments.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("back-office.schema.sql holds no statement");
        }
        return new BackOfficeSchema(List.copyOf(statements));
    }

    public List<String> statements() {
        return statements;
    }

    /** Runs every statement, in order. */
    public void create(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        statements.forEach(jdbc::execute);
    }
}
