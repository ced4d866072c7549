package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageLinksTest {

    @Test
    void listsTheFiveRelsWithTheirTitles() {
        PageLinks meta = PageLinks.of("/v1/customers", null, Map.of(), 3, 3, 3, 22);

        assertThat(meta.links()).extracting(PageLinks.Link::rel).containsExactly("self", "first", "last", "prev", "next");
        assertThat(meta.links()).extracting(PageLinks.Link::title)
                .containsExactly(null, "first page", "last page", "prev page", "next page");
        assertThat(List.of(meta.count(), meta.offset(), meta.limit())).containsExactly(3, 3, 3);
        assertThat(meta.total()).isEqualTo(22);
    }

    @Test
    void lastIsTheOffsetOfTheLastFullOrPartialPage() {
        assertThat(href(PageLinks.of("/p", null, Map.of(), 3, 0, 3, 22), "last")).isEqualTo("/p?limit=3&offset=21");
        assertThat(href(PageLinks.of("/p", null, Map.of(), 3, 0, 3, 21), "last")).isEqualTo("/p?limit=3&offset=18");
        assertThat(href(PageLinks.of("/p", null, Map.of(), 0, 0, 25, 0), "last")).as("empty").isEqualTo("/p?limit=25&offset=0");
    }

    @Test
    void prevAndNextAreEmptyAtTheEnds() {
        PageLinks first = PageLinks.of("/p", null, Map.of(), 10, 0, 10, 15);
        PageLinks last = PageLinks.of("/p", null, Map.of(), 5, 10, 10, 15);

        assertThat(href(first, "prev")).isEmpty();
        assertThat(href(first, "next")).isEqualTo("/p?limit=10&offset=10");
        assertThat(href(last, "prev")).isEqualTo("/p?limit=10&offset=0");
        assertThat(href(last, "next")).isEmpty();
    }

    @Test
    void prevNeverGoesBelowZero() {
        assertThat(href(PageLinks.of("/p", null, Map.of(), 10, 4, 10, 40), "prev")).isEqualTo("/p?limit=10&offset=0");
    }

    @Test
    void ordersFilterLimitOffsetThenTheOthersAndEncodesValues() {
        Map<String, String> others = new LinkedHashMap<>();
        others.put("reference", "a b&c");
        others.put("email", "x+y@example.com");

        PageLinks meta = PageLinks.of("/v1/customers", "customer_id,first_name", others, 1, 0, 5, 1);

        assertThat(href(meta, "self"))
                .isEqualTo("/v1/customers?filter=customer_id%2Cfirst_name&limit=5&offset=0&reference=a+b%26c&email=x%2By%40example.com");
    }

    private static String href(PageLinks meta, String rel) {
        return meta.links().stream().filter(link -> link.rel().equals(rel)).findFirst().orElseThrow().href();
    }
}
