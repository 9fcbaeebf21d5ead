package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * /proc/buddyinfo: the free blocks of each order in each zone, as the buddy allocator holds them
 * (pages on the per-CPU lists are not in it). A fragmented zone has many order-0 blocks and few
 * large ones; compaction moves the balance back up.
 *
 * @param zones one per line of the file, in its order
 */
public record BuddyInfo(List<Zone> zones) {

    /** Orders 0..10 on x86-64 (NR_PAGE_ORDERS); a kernel with more columns gets longer arrays. */
    public static final int ORDERS = 11;

    public BuddyInfo {
        zones = List.copyOf(zones);
    }

    /**
     * One line: "Node 0, zone   Normal   9930   8251 ...".
     *
     * @param free free blocks of order 0, 1, ... (a block of order k is 2^k pages)
     */
    public record Zone(int node, String name, long[] free) {
        public long freePages() {
            long pages = 0;
            for (int k = 0; k < free.length; k++) {
                pages += free[k] << k;
            }
            return pages;
        }
    }

    /** Free blocks per order summed over every zone; at least {@link #ORDERS} entries. */
    public long[] total() {
        int orders = zones.stream().mapToInt(z -> z.free().length).max().orElse(0);
        long[] sum = new long[Math.max(ORDERS, orders)];
        for (Zone z : zones) {
            for (int k = 0; k < z.free().length; k++) {
                sum[k] += z.free()[k];
            }
        }
        return sum;
    }

    /** Free pages over every zone (blocks times their size). */
    public long freePages() {
        return zones.stream().mapToLong(Zone::freePages).sum();
    }

    public static BuddyInfo parse(String text, Path source) {
        List<Zone> zones = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            // "Node 0, zone      DMA      0      0 ..."
            String[] f = line.strip().split("[\\s,]+");
            if (f.length < 5 || !f[0].equals("Node") || !f[2].equals("zone")) {
                throw new BadInputException(source, "line " + lineNo + " is not \"Node N, zone NAME counts...\": " + line.strip());
            }
            try {
                int node = Integer.parseInt(f[1]);
                long[] free = new long[f.length - 4];
                for (int i = 4; i < f.length; i++) {
                    free[i - 4] = Long.parseLong(f[i]);
                }
                zones.add(new Zone(node, f[3], free));
            } catch (NumberFormatException e) {
                throw new BadInputException(source, "line " + lineNo + " has a non-numeric count: " + line.strip());
            }
        }
        if (zones.isEmpty()) {
            throw new BadInputException(source, "no zones");
        }
        return new BuddyInfo(zones);
    }

    @Override
    public String toString() {
        return "BuddyInfo" + Arrays.toString(total());
    }
}
