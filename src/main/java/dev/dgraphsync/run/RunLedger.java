package dev.dgraphsync.run;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each job (an entity, or schema metadata) did in this process, and the run it has under way. In "once" mode a
 * job runs a single time: the ledger admits its first run only, and the command line waits here until every job has
 * ended.
 */
public class RunLedger {

    private SyncSettings settings;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> outcomes = new ConcurrentHashMap<>();
    private final Map<String, JobRun> open = new ConcurrentHashMap<>();

    public void setSettings(SyncSettings settings) {
        this.settings = settings;
    }

    /** False when a job asks to run again in once mode. */
    public boolean admit(String job) {
        return admitted.add(job) || !settings.flag(Setting.ONCE);
    }

    /** In once mode, the job does not run at all, even when its schedule comes round meanwhile. */
    public void hold(String job) {
        admitted.add(job);
    }

    /** The job's run under way, for whoever must end it when its thread cannot ({@link RunFailure#unhandled}). */
    public void opened(String job, JobRun run) {
        open.put(job, run);
    }

    /** The job's run under way, or null. */
    public JobRun openRun(String job) {
        return open.get(job);
    }

    public synchronized void ended(String job, boolean succeeded) {
        open.remove(job);
        outcomes.put(job, succeeded);
        notifyAll();
    }

    /**
     * Called when a job's execution is over, however it ended: a job that never said how it ended (its thread was
     * ended by an error no route handles) counts as failed, so that nobody waits for it.
     */
    public synchronized boolean executed(String job) {
        if (outcomes.containsKey(job)) {
            return false;
        }
        outcomes.put(job, false);
        notifyAll();
        return true;
    }

    /** Waits until every job has ended once; true if all succeeded, false if any failed or time ran out. */
    public synchronized boolean awaitAll(Collection<String> jobs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!outcomes.keySet().containsAll(jobs)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return jobs.stream().allMatch(outcomes::get);
    }
}
