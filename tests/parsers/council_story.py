"""One short news story's paragraphs, for byline and author tests that need a body under them."""

TEXT = "".join(
    f"<p>{p}</p>"
    for p in (
        "The city council on Monday approved a five-year plan that adds three tram lines.",
        "The plan also replaces the entire bus fleet with electric buses by 2024, officials said.",
        "Opposition members said the cost estimates were too optimistic and asked for an audit.",
    )
)
