package org.channelbridge.ops.deadletter;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead letters per ChannelAdvisor profile: the profile is part of a dead letter's key, on each database. */
class ProfileDeadLettersTest {

    private static final String ITEM = "{\"id\":\"S-1\"}";

    @Test
    void theSameItemOfTwoProfilesIsTwoDeadLettersOnH2() throws Exception {
        profilesKeepTheirDeadLetters(TestDatabases::h2);
    }

    @Test
    void theSameItemOfTwoProfilesIsTwoDeadLettersOnPostgresql() throws Exception {
        profilesKeepTheirDeadLetters(TestDatabases::postgres);
    }

    private static void profilesKeepTheirDeadLetters(Supplier<TestDatabases.Fresh> fresh) throws Exception {
        try (TestDatabases.Fresh db = fresh.get();
             System2Database system2 = System2Database.open(db.url(), db.user(), db.password(), 2);
             DefaultCamelContext context = new DefaultCamelContext()) {
            system2.migrate(12345);
            DeadLetterStore store = new DeadLetterStore(system2.dataSource(), new FlowStats());

            long us = store.forProfile(12345).record("shipments", "S-1", ITEM, 400, "The carrier Pony is not known.");
            long uk = store.forProfile(12346).record("shipments", "S-1", ITEM, 400, "The class Slow is not known.");
            long ukAgain = store.forProfile(12346).record("shipments", "S-1", ITEM, 400, "The class Slow is not known.");

            assertThat(uk).isNotEqualTo(us).isEqualTo(ukAgain);
            assertThat(store.find(us).orElseThrow().attempts()).isEqualTo(1);
            assertThat(store.find(uk).orElseThrow().attempts()).isEqualTo(2);
            assertThat(store.find(uk).orElseThrow().profileId()).isEqualTo(12346);
            assertThat(store.list(null, true)).extracting(DeadLetter::id).containsExactlyInAnyOrder(us, uk);
            assertThat(store.forProfile(12346).list(null, true)).extracting(DeadLetter::id).containsExactly(uk);
            assertThat(store.forProfile(12346).openCounts()).isEqualTo(Map.of("shipments", 1L));
            assertThat(store.openCounts()).isEqualTo(Map.of("shipments", 2L));

            // an item route names its profile by the exchange property; one that names none is the default profile's
            Exchange inUk = failed(context, "R-7");
            inUk.setProperty(DeadLetterStore.PROFILE, 12346L);
            store.store(inUk);
            store.store(failed(context, "R-8"));
            assertThat(store.list("refunds", true)).extracting(l -> l.businessKey() + " " + l.profileId())
                    .containsExactlyInAnyOrder("R-7 12346", "R-8 12345");

            assertThat(store.forProfile(12346).holdsBack("shipments", "S-1", ITEM)).isTrue();
            store.discard(uk);
            assertThat(store.forProfile(12346).holdsBack("shipments", "S-1", ITEM)).isFalse();
            assertThat(store.forProfile(12345).find(us)).isPresent();
            assertThat(store.forProfile(99).holdsBack("shipments", "S-1", ITEM)).isFalse();
        }
    }

    private static Exchange failed(DefaultCamelContext context, String key) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(DeadLetterStore.FLOW, "refunds");
        exchange.setProperty(DeadLetterStore.BUSINESS_KEY, key);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalArgumentException("The reason Whim is not known."));
        exchange.getMessage().setBody("{\"id\":\"" + key + "\"}");
        return exchange;
    }
}
