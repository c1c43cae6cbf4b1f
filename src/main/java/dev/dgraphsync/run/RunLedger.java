package dev.dgraphsync.run;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextStopping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public class RunLedger implements OnCamelContextStopping {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private SyncSettings settings;
    private volatile boolean stopping;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> outcomes = new ConcurrentHashMap<>();
    private final Map<String, JobRun> open = new ConcurrentHashMap<>();
    private final Set<String> left = ConcurrentHashMap.newKeySet();

    public void setSettings(SyncSettings settings) {
        this.settings = settings;
    }

    /** Whether each job runs one time (bin/dgraph-sync once). */
    public boolean isOnce() {
        return settings.flag(Setting.ONCE);
    }

    /**
     * In once mode, a job that an instance of the cluster runs now is left to it: said in one line, counted as ended
     * without a run of its own ({@link #leftToOthers}).
     */
    public synchronized void leftTo(String job, String instance) {
        LOG.info("{}: instance {} runs it now; this once leaves it to it", job, instance);
        leave(job);
    }

    /** The job's run was fenced: a newer run, elsewhere, has the entity; in once mode it counts as left to it. */
    public synchronized void fenced(String job) {
        open.remove(job);
        leave(job);
    }

    private void leave(String job) {
        left.add(job);
        outcomes.put(job, true);
        notifyAll();
    }

    /** The jobs this once left to other instances: running them as it began, or claiming them while it ran them. */
    public Set<String> leftToOthers() {
        return Set.copyOf(left);
    }

    /** False when a job asks to run again in once mode. */
    public boolean admit(String job) {
        return admitted.add(job) || !settings.flag(Setting.ONCE);
    }

    /**
     * Camel begins to stop: each run under way stops at the end of its page ({@link RunStoppedException}), once what
     * it handed over is written, so that the warehouse closes after the last commit, not under it.
     */
    @Override
    public void onContextStopping(CamelContext context) {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
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
