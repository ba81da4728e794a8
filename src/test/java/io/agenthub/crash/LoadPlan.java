package io.agenthub.crash;

import io.agenthub.crash.KeyedRequest.Channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Which requests the crash test sends, drawn from its seeded random: one key per customer over HTTP or
 * JMS, some keys sent twice at once (the same key racing itself), and some customers asking twice under
 * two keys at once (two requests racing for one card).
 */
record LoadPlan(List<KeyedRequest> httpSends, List<KeyedRequest> jmsSends, Map<String, KeyedRequest> byKey) {

    static LoadPlan draw(Random random, int httpCustomers, int jmsCustomers, int sameKeyTwice, int secondKeys) {
        List<KeyedRequest> http = new ArrayList<>();
        List<KeyedRequest> jms = new ArrayList<>();
        for (int i = 0; i < httpCustomers; i++) {
            http.add(new KeyedRequest("http-" + i, CrashSeed.customerId(i), Channel.HTTP));
        }
        for (int i = 0; i < jmsCustomers; i++) {
            jms.add(new KeyedRequest("jms-" + i, CrashSeed.customerId(httpCustomers + i), Channel.JMS));
        }
        Collections.shuffle(http, random);
        Collections.shuffle(jms, random);
        Map<String, KeyedRequest> byKey = new LinkedHashMap<>();
        http.forEach(r -> byKey.put(r.key(), r));
        jms.forEach(r -> byKey.put(r.key(), r));

        // Right behind its first, so that two of the concurrent clients pick both up at once.
        List<KeyedRequest> httpSends = new ArrayList<>();
        List<Integer> twice = pick(random, httpCustomers, sameKeyTwice + secondKeys);
        for (int i = 0; i < http.size(); i++) {
            KeyedRequest request = http.get(i);
            httpSends.add(request);
            int slot = twice.indexOf(i);
            if (slot >= 0 && slot < sameKeyTwice) {
                httpSends.add(request);
            } else if (slot >= sameKeyTwice) {
                KeyedRequest second = new KeyedRequest(request.key() + "-again", request.customerId(), Channel.HTTP);
                byKey.put(second.key(), second);
                httpSends.add(second);
            }
        }
        List<KeyedRequest> jmsSends = new ArrayList<>();
        List<Integer> jmsTwice = pick(random, jmsCustomers, sameKeyTwice / 2);
        for (int i = 0; i < jms.size(); i++) {
            jmsSends.add(jms.get(i));
            if (jmsTwice.contains(i)) {
                jmsSends.add(jms.get(i));
            }
        }
        return new LoadPlan(List.copyOf(httpSends), List.copyOf(jmsSends), Collections.unmodifiableMap(byKey));
    }

    List<KeyedRequest> keys(Channel channel) {
        return byKey.values().stream().filter(r -> r.channel() == channel).toList();
    }

    private static List<Integer> pick(Random random, int bound, int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < bound; i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        return List.copyOf(all.subList(0, Math.min(count, bound)));
    }
}
