package io.agenthub.connectors.corebanking;

/** Why a card is blocked; the core-banking API's enumeration. */
public enum BlockReason {
    LOST, STOLEN, DAMAGED, FRAUD_SUSPECTED
}
