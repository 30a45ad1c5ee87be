package dev.caravan.bench;

import java.util.List;

/**
 * Checks with {@code ss -ltn} that a port listens on loopback only (Portkey would bind every interface without
 * loopback-only.cjs). A listener on any other address stops the run: nothing of the benchmark may be reachable from
 * outside the machine.
 */
final class Loopback {

    private Loopback() {
    }

    /** The local addresses listening on {@code port}, e.g. "127.0.0.1:41234". */
    static String check(int port) throws Exception {
        List<String> addresses = MachineDetails.output("ss", "-ltnH", "sport = :" + port).lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length >= 4)
                .map(columns -> columns[3]).toList();
        if (addresses.isEmpty()) {
            throw new IllegalStateException("nothing listens on port " + port);
        }
        for (String address : addresses) {
            if (!address.startsWith("127.0.0.1:") && !address.startsWith("[::1]:")) {
                throw new IllegalStateException("port " + port + " listens beyond loopback: " + address);
            }
        }
        return String.join(", ", addresses);
    }
}
