/**
 * Immutable request and response models of the Fonella REST API. Field names are exactly those of
 * the wire format; unknown JSON fields are ignored and unknown enum values read as {@code UNKNOWN}.
 */
package ai.fonella.model;
