// The Maven artifacts (bundles and config files) Karaf needs to install the given features, so that bin/karaf-local
// can put them all in the local repository first and then run Karaf offline.
//
//   java bin/lib/FeatureBundles.java --repo DIR... FEATURES.xml... -- FEATURE...
//
// Reads the features files, and the features repositories they name (mvn: URLs looked up in the --repo folders);
// walks each feature's features (the newest version in the asked range, as Karaf's resolver prefers), conditionals
// included, and prints one mvn: URL a line (wrap: and its instructions taken off), sorted.
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

public class FeatureBundles {

    record Feature(String name, String version, Element element) {}

    static final List<Path> repos = new ArrayList<>();
    static final Map<String, List<Feature>> features = new HashMap<>();
    static final Set<Path> read = new HashSet<>();

    public static void main(String[] args) throws Exception {
        Deque<Path> files = new ArrayDeque<>();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repo")) {
                repos.add(Path.of(args[++i]));
            } else if (args[i].equals("--")) {
                wanted.addAll(List.of(args).subList(i + 1, args.length));
                break;
            } else {
                files.add(Path.of(args[i]));
            }
        }
        while (!files.isEmpty()) {
            Path file = files.pop();
            if (!read.add(file.toAbsolutePath().normalize())) {
                continue;
            }
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(file.toFile());
            for (Element e : children(doc.getDocumentElement())) {
                switch (e.getLocalName()) {
                    case "repository" -> files.add(inRepos(e.getTextContent().trim()));
                    case "feature" -> features.computeIfAbsent(e.getAttribute("name"), n -> new ArrayList<>())
                            .add(new Feature(e.getAttribute("name"), e.getAttribute("version"), e));
                    default -> { }
                }
            }
        }
        Set<String> artifacts = new TreeSet<>();
        Set<Feature> seen = new HashSet<>();
        Deque<Feature> todo = new ArrayDeque<>();
        for (String name : wanted) {
            todo.add(pick(name, ""));
        }
        while (!todo.isEmpty()) {
            Feature f = todo.pop();
            if (seen.add(f)) {
                walk(f.element(), todo, artifacts);
            }
        }
        artifacts.forEach(System.out::println);
    }

    static void walk(Element parent, Deque<Feature> todo, Set<String> artifacts) {
        for (Element e : children(parent)) {
            String text = e.getTextContent().trim();
            switch (e.getLocalName()) {
                case "feature" -> todo.add(pick(text, e.getAttribute("version")));
                case "bundle", "configfile" -> {
                    String url = text.startsWith("wrap:") ? text.substring(5).split("\\$")[0] : text;
                    if (url.startsWith("mvn:") && !url.contains("${")) {
                        artifacts.add(url);
                    }
                }
                case "conditional" -> walk(e, todo, artifacts);
                default -> { }
            }
        }
    }

    /** The newest version of the feature in the range ("[a,b)", a plain version, or empty for any). */
    static Feature pick(String name, String range) {
        List<Feature> candidates = features.get(name);
        if (candidates == null) {
            throw new IllegalArgumentException("no feature '" + name + "' in the features files read");
        }
        Feature best = null;
        for (Feature f : candidates) {
            if (inRange(f.version(), range) && (best == null || compare(f.version(), best.version()) > 0)) {
                best = f;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no feature '" + name + "' in version " + range);
        }
        return best;
    }

    static boolean inRange(String version, String range) {
        range = range.trim();
        if (range.isEmpty() || range.equals("0.0.0")) {
            return true;
        }
        if (!range.startsWith("[") && !range.startsWith("(")) {
            return compare(version, range) >= 0;
        }
        String[] bounds = range.substring(1, range.length() - 1).split(",");
        int low = compare(version, bounds[0]);
        int high = compare(version, bounds[1]);
        return (range.startsWith("[") ? low >= 0 : low > 0) && (range.endsWith("]") ? high <= 0 : high < 0);
    }

    static int compare(String a, String b) {
        String[] x = a.trim().split("[.\\-]");
        String[] y = b.trim().split("[.\\-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length && x[i].matches("\\d+") ? Long.parseLong(x[i]) : 0;
            long q = i < y.length && y[i].matches("\\d+") ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** mvn:group/artifact/version[/type[/classifier]] as a file of one of the --repo folders. */
    static Path inRepos(String url) {
        String[] p = url.substring(4).split("/");
        String type = p.length > 3 ? p[3] : "jar";
        String file = p[1] + "-" + p[2] + (p.length > 4 ? "-" + p[4] : "") + "." + type;
        for (Path repo : repos) {
            Path candidate = repo.resolve(p[0].replace('.', '/')).resolve(p[1]).resolve(p[2]).resolve(file);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("features repository " + url + " is in none of " + repos);
    }

    static List<Element> children(Node parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }
}
