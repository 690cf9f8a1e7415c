package org.anivid.core;

public record Series(long id, String name) {
}
