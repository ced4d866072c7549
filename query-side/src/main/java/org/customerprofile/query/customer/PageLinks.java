package org.customerprofile.query.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The list's {@code meta}: counts and the five {@code links} (self, first, last, prev, next) whose
 * {@code href}s carry the query parameters in the order filter, limit, offset, then the others, with
 * commas encoded; a prev or next that does not exist has an empty {@code href}.
 */
public record PageLinks(int count, int offset, int limit, long total, List<Link> links) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(String rel, String href, String title) {
    }

    static PageLinks of(String path, String filter, Map<String, String> others, int count, int offset, int limit, long total) {
        long last = total == 0 ? 0 : (total - 1) / limit * limit;
        Href href = new Href(path, filter, limit, others);
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", href.at(offset), null));
        links.add(new Link("first", href.at(0), "first page"));
        links.add(new Link("last", href.at(last), "last page"));
        links.add(new Link("prev", offset > 0 ? href.at(Math.max(0, offset - limit)) : "", "prev page"));
        links.add(new Link("next", offset + limit < total ? href.at(offset + limit) : "", "next page"));
        return new PageLinks(count, offset, limit, total, links);
    }

    private record Href(String path, String filter, int limit, Map<String, String> others) {

        String at(long offset) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (filter != null) {
                parameters.put("filter", filter);
            }
            parameters.put("limit", Integer.toString(limit));
            parameters.put("offset", Long.toString(offset));
            parameters.putAll(others);
            return path + "?" + parameters.entrySet().stream()
                    .map(parameter -> parameter.getKey() + "=" + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }
}
