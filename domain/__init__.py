"""probe.domain: what an inspection report is, shared by every layer and importing none of them.

    model      the typed report (Report, Standard, KeyQuestion, Recommendation, Finding, Heading)
    ratings    rating words, their points, key-question bands, score labels
    months     month names and the "YYYY-MM" form reports sort by
    kinds      the kinds of finding and the one set of words probe shows for them
    text       control characters that never reach the terminal or the database
"""
