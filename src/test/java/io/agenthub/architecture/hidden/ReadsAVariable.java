package io.agenthub.architecture.hidden;

import org.apache.camel.Variable;

/** A bean that reads an exchange variable behind its route's back, for {@code ExplicitBeanArgumentsTest} to catch. */
public final class ReadsAVariable {

    public String greet(@Variable("name") String name) {
        return "Hello " + name;
    }
}
