package io.weft.deliver;

import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/**
 * Where a Deliver request starts and stops, from its {@code SeekInfo} and the channel's height, by Fabric's rules:
 * {@code newest} is the last committed block; a specified start above the height is not found; a specified stop
 * below the start is a bad request; {@code newest..newest} is one block even if more arrive meanwhile. Numbers are
 * unsigned, as Fabric's {@code uint64}. The request ends after the block numbered {@code stop} is sent; a stop below
 * the start (a stop at {@code newest} with the start beyond it) is never reached, as in Fabric.
 *
 * @param start           the first block to send
 * @param stop            the block after which the request succeeds
 * @param failIfNotReady  FAIL_IF_NOT_READY: a block beyond the height answers NOT_FOUND instead of being waited for
 */
record SeekPlan(long start, long stop, boolean failIfNotReady) {

    /**
     * The plan of {@code seek} on a channel of {@code height} blocks.
     *
     * @throws DeliverRefusal BAD_REQUEST for a missing position or a stop before the start, NOT_FOUND for a start
     *                        that is not on the chain
     */
    static SeekPlan of(SeekInfo seek, long height) throws DeliverRefusal {
        if (!seek.hasStart() || !seek.hasStop()) {
            throw new DeliverRefusal(Status.BAD_REQUEST, "Received seekInfo message with missing start or stop "
                    + position(seek.hasStart(), seek.getStart()) + ", " + position(seek.hasStop(), seek.getStop()));
        }
        long start = start(seek.getStart(), height);
        long stop = switch (seek.getStop().getTypeCase()) {
            case OLDEST -> start;
            // newest..newest is the one block that was newest when the request came, whatever commits meanwhile
            case NEWEST -> seek.getStart().equals(seek.getStop()) ? start : height - 1;
            case SPECIFIED -> {
                long number = seek.getStop().getSpecified().getNumber();
                if (Long.compareUnsigned(number, start) < 0) {
                    throw new DeliverRefusal(Status.BAD_REQUEST, "Received invalid seekInfo message: start number "
                            + Long.toUnsignedString(start) + " greater than stop number "
                            + Long.toUnsignedString(number));
                }
                yield number;
            }
            default -> 0; // Fabric's zero value: next_commit and unset stops are not treated
        };
        return new SeekPlan(start, stop, seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY);
    }

    private static long start(SeekPosition position, long height) throws DeliverRefusal {
        return switch (position.getTypeCase()) {
            case OLDEST -> 0;
            case NEWEST -> height - 1;
            case NEXT_COMMIT -> height;
            case SPECIFIED -> {
                long number = position.getSpecified().getNumber();
                if (Long.compareUnsigned(number, height) > 0) {
                    throw notFound();
                }
                yield number;
            }
            default -> throw notFound();
        };
    }

    private static DeliverRefusal notFound() {
        return new DeliverRefusal(Status.NOT_FOUND, "Error reading from channel, cause was: NOT_FOUND");
    }

    private static String position(boolean present, SeekPosition p) {
        return present ? p.getTypeCase().name().toLowerCase(java.util.Locale.ROOT) : "<nil>";
    }

    /** Whether block {@code number} is the last of the request. */
    boolean isLast(long number) {
        return number == stop;
    }
}
