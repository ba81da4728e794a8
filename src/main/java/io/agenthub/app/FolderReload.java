package io.agenthub.app;

import org.apache.camel.CamelContext;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;

import java.io.File;
import java.io.FileFilter;
import java.nio.file.Path;

/**
 * Under {@code run --reload}, watches a folder of integrator-edited files with Camel's own file watcher (the one
 * that reloads routes/*.camel.yaml) and, when one changes, runs a reload that reads and checks them all again.
 * The reload decides what a mistake means; the hub's keep the running version and log the error.
 */
final class FolderReload {

    private FolderReload() {
    }

    /**
     * @param recursive whether files in folders below count too (a folder added after start is seen from its
     *                  parent's next change on)
     */
    static void watch(CamelContext context, Path folder, boolean recursive, FileFilter files, Runnable reload) throws Exception {
        Watcher watcher = new Watcher(folder.toString(), recursive);
        watcher.setCamelContext(context);
        watcher.setFileFilter(files);
        watcher.setResourceReload((name, resource) -> reload.run());
        context.addService(watcher, true, false);
    }

    /** Named, as Camel names the watcher's thread after its class. */
    private static final class Watcher extends FileWatcherResourceReloadStrategy {

        Watcher(String folder, boolean recursive) {
            super(folder, recursive);
        }

        @Override
        protected String startupMessage(File dir) {
            return "Reloading " + dir + " when a file in it changes";
        }
    }
}
