package io.agenthub.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agenthub.api.PiiType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Period;
import java.util.Map;
import java.util.TreeMap;

/** {@code compliance/retention.yaml}: how long each kind of personal data is kept. */
public record RetentionPolicy(Map<String, Period> personalData, Period requestTexts, Period auditTrail) {

    public static RetentionPolicy read(InputStream yaml) throws IOException {
        RetentionPolicy policy;
        try {
            policy = JsonMapper.builder(new YAMLFactory()).addModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build().readValue(yaml, RetentionPolicy.class);
        } catch (JsonProcessingException e) {
            throw new IOException("retention.yaml: " + e.getOriginalMessage(), e);
        }
        if (policy.personalData() == null || !policy.personalData().containsKey("default")) {
            throw new IOException("retention.yaml: personalData needs a default period, e.g. default: P13M");
        }
        for (String type : policy.personalData().keySet()) {
            if (!type.equals("default") && PiiType.named(type).isEmpty()) {
                throw new IOException("retention.yaml: personalData." + type + " is not a personal-data type");
            }
        }
        if (policy.requestTexts() == null || policy.auditTrail() == null) {
            throw new IOException("retention.yaml: requestTexts and auditTrail need periods, e.g. P13M and P10Y");
        }
        return policy;
    }

    /** The period for values of this type, built-in or a custom recogniser's: its own, else the default. */
    public Period periodOf(PiiType type) {
        return personalData.getOrDefault(type.name(), personalData.get("default"));
    }

    /** The period for each built-in type: its own, else the default. */
    public Map<PiiType, Period> byType() {
        Map<PiiType, Period> periods = new TreeMap<>();
        for (PiiType type : PiiType.values()) {
            periods.put(type, personalData.getOrDefault(type.name(), personalData.get("default")));
        }
        return periods;
    }
}
