package io.agenthub.extract;

import java.util.List;

/**
 * The tag set of the slot tagger: Outside, and Begin/Inside of each of NLU++ banking's thirteen slots. Tag 0 is
 * Outside; slot s has Begin {@code 1 + 2s} and Inside {@code 2 + 2s}.
 */
public final class SlotTags {

    /** NLU++ banking's slots, in the order of the tags (the model card lists them; a head is read with this order only). */
    public static final List<String> SLOTS = List.of("amount_of_money", "date", "date_from", "date_to", "date_period",
            "time", "time_from", "time_to", "time_period", "company_name", "person_name", "shopping_category", "number");

    public static final int OUTSIDE = 0;

    private SlotTags() {
    }

    public static int count() {
        return 1 + 2 * SLOTS.size();
    }

    public static int begin(int slot) {
        return 1 + 2 * slot;
    }

    public static int inside(int slot) {
        return 2 + 2 * slot;
    }

    /** The slot a tag belongs to, or -1 for Outside. */
    public static int slotOf(int tag) {
        return tag == OUTSIDE ? -1 : (tag - 1) / 2;
    }

    public static boolean isInside(int tag) {
        return tag != OUTSIDE && (tag - 1) % 2 == 1;
    }
}
