package io.agenthub.api;

/** A person whose data the hub holds, as one tenant (the data controller) identifies them. */
public record DataSubject(String tenant, String subjectId) {

    public DataSubject {
        if (tenant == null || tenant.isBlank() || subjectId == null || subjectId.isBlank()) {
            throw new IllegalArgumentException("a data subject needs a tenant and a subject id");
        }
    }

    @Override
    public String toString() {
        return tenant + "/" + subjectId;
    }
}
