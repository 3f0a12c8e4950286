package io.iothubtriage.notify;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the HTML report's inline SVG charts back as XML, so tests can check what they draw. */
public final class SvgCharts {
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    private SvgCharts() {
    }

    /** The chart with this id (e.g. "timeline-wide"), parsed; fails when it is missing or not well-formed XML. */
    public static Element chart(String html, String id) {
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            if (m.group().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\"")) {
                return parse(m.group());
            }
        }
        throw new AssertionError("no <svg id=\"" + id + "\"> in the report");
    }

    /** Every SVG in the page, parsed (each must be well-formed XML). */
    public static List<Element> all(String html) {
        List<Element> out = new ArrayList<>();
        Matcher m = SVG.matcher(html);
        while (m.find()) {
            out.add(parse(m.group()));
        }
        return out;
    }

    public static Element parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Elements named {@code tag} below {@code root} whose attribute {@code attr} is present. */
    public static List<Element> elements(Element root, String tag, String attr) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = root.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (attr == null || e.hasAttribute(attr)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The {@code <g>} with {@code data-series} = series. */
    public static Element series(Element root, String series) {
        return elements(root, "g", "data-series").stream().filter(e -> e.getAttribute("data-series").equals(series))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }

    /** The axis group of a series, with the scale it was drawn with. */
    public static Element axis(Element root, String series) {
        return elements(root, "g", "data-axis").stream().filter(e -> e.getAttribute("data-axis").equals(series))
                .findFirst().orElseThrow(() -> new AssertionError("no axis " + series));
    }

    public static double number(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }
}
