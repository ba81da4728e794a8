package io.agenthub.extract;

import java.time.LocalDateTime;
import java.util.List;

/** Finds the slots of one text in process, relative expressions resolved against {@code reference}. */
@FunctionalInterface
public interface SlotExtractor {

    List<Slot> extract(String text, LocalDateTime reference);
}
