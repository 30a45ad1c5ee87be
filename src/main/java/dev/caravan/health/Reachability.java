package dev.caravan.health;

/** What the last probe of one upstream found: reachable (any HTTP answer) or not, and a line saying why. */
public record Reachability(boolean up, String detail) {
}
