"""Asset URIs of the warehouse tables and marts, shared by producing and consuming DAGs."""

TABLE_ASSETS = {
    "articles": "file:///warehouse/articles",
    "article_signatures": "file:///warehouse/article_signatures",
    "events": "file:///warehouse/events",
    "relationships": "file:///warehouse/relationships",
}
MART_ASSETS = {
    "events_merged": "file:///warehouse/marts/events_merged",
    "partners": "file:///warehouse/marts/partners",
    "city_pairs": "file:///warehouse/marts/city_pairs",
}
