"""A direct quote whose own sentence goes on with who said it (`"...," he continued.`,
`"...," added Smith.`, `"...?" Jones told the radio station`): that speaker and those words,
even where the verb is not a cue verb or the parser missed the attribution (issue 21)."""


def by_text(quotes, start):
    return next(q for q in quotes if q.text.startswith(start))


def test_a_quote_followed_by_a_pronoun_and_continued_is_that_pronouns(extract):
    text = (
        "Governor Ruth Okafor met the press in Albany on Monday.\n\n"
        "“The budget will pass this week,” said Tom Reyes, the house speaker.\n\n"
        "Okafor was more cautious. “We have the votes and we have the will to use them,” "
        "she continued. "
        "“Nobody should doubt it.”"
    )
    quotes = extract(text)
    q = by_text(quotes, "“We have the votes")
    assert q.speaker_mention is not None and q.speaker_mention.text == "she"
    assert q.speaker == "Ruth Okafor"
    # the quote after it, in the same paragraph, is hers too
    assert by_text(quotes, "“Nobody should").speaker == "Ruth Okafor"


def test_an_inverted_frame_after_the_quote_names_the_speaker(extract):
    text = (
        "The council met on Tuesday to discuss the new stadium.\n\n"
        "“Nobody here wants to pay for a stadium the team will leave in ten years,” "
        "scoffed Maria Lopez, who runs a bakery downtown."
    )
    q = by_text(extract(text), "“Nobody here")
    assert q.speaker_mention.text.startswith("Maria Lopez")
    assert q.speaker == "Maria Lopez"


def test_a_named_frame_after_a_question_names_the_speaker(extract):
    text = (
        "Mayor Dan Whitfield spoke about the council on Monday.\n\n"
        "“It looks like we will not get along, who knows?” Whitfield told a local radio "
        "station in an interview aired on Monday when asked about the councillors."
    )
    q = by_text(extract(text), "“It looks like")
    assert q.speaker_mention.text == "Whitfield"
    assert q.speaker == "Dan Whitfield"


def test_a_document_that_reads_is_the_speaker(extract):
    text = (
        "The agency released a statement late on Friday after the vote.\n\n"
        "“The agency will review every contract signed since 2019,” the statement read. "
        "“No exception will be made.”"
    )
    q = by_text(extract(text), "“The agency will")
    assert q.speaker_mention.text == "the statement"


def test_the_first_half_of_a_split_quote_takes_the_frame_between_the_halves(extract):
    text = (
        "Rashad Bell, who leads the tenants' union, spoke after the vote.\n\n"
        "“If the landlords won't come to the table on rents,” Bell said, "
        "“why would the tenants come to the table on repairs?”"
    )
    quotes = extract(text)
    first = by_text(quotes, "“If the landlords")
    assert first.speaker_mention.text == "Bell"
    assert first.speaker == "Rashad Bell"


def test_a_quote_ending_its_sentence_takes_no_frame_from_the_next(extract):
    text = (
        "Senator Alan Brooks spoke at length.\n\n"
        "“Every family in this state deserves better.” He left the hall and the reporters "
        "followed him."
    )
    q = by_text(extract(text), "“Every family")
    assert q.speaker == "Alan Brooks"
    assert q.speaker_mention is None or q.speaker_mention.text != "He"


def test_a_name_with_an_apposition_before_the_frame_verb_is_the_speaker(extract):
    text = (
        "The union's leaders met the press on Friday.\n\n"
        "“We are not the ones who left the table,” Tom Grady, 69, continued. "
        "“They left us.”"
    )
    quotes = extract(text)
    q = by_text(quotes, "“We are not")
    assert q.speaker_mention.text == "Tom Grady"
    assert q.speaker == "Tom Grady"
    assert by_text(quotes, "“They left us").speaker == "Tom Grady"


def test_an_inverted_frame_names_the_speaker_when_the_parse_lost_the_cue(extract):
    # the parser takes a bracketed name inside the quote for the subject of "said"
    text = (
        "The council met on Monday.\n\n"
        "“Obviously the mayor and his deputy aren’t auditioning for the job. But in a lot of "
        "ways Smith is doing the same thing with [Bob] Jones, with Ann [Lee],” said Baker. "
        "“It is a question of leadership.”"
    )
    quotes = extract(text)
    q = by_text(quotes, "“Obviously")
    assert q.speaker_mention.text == "Baker"
    assert by_text(quotes, "“It is a question").speaker == "Baker"


def test_quote_frame_reads_only_the_words_right_after_a_quote_that_goes_on():
    from claims.extraction.quotes_direct import QuoteSpan
    from claims.extraction.statements import quote_frame

    def frame(text):
        q = QuoteSpan(0, text.index("”") + 1, 0)
        f = quote_frame(text, q)
        return None if f is None else text[f.start : f.end]

    assert frame("“We will win,” she continued.") == "she"
    assert frame("“We will win,” added Senator Jo Park, who leads the group.") == "Senator Jo Park"
    assert frame("“We will win,” a voice-over in the ad says.") == "a voice-over in the ad"
    assert frame("“We will win,” the statement read.") == "the statement"
    assert frame("“We will win,” Mr. Park, the group's leader, said.") == "Mr. Park"
    assert frame("“We will win,” Park went on.") == "Park"
    # "report" is a cue verb too: the verb first decides
    assert frame("“We will win,” noted a report for the council.") == "a report for the council"
    # a quote that ends its sentence, a word that is no frame verb, a verb needing a particle
    assert frame("“We will win.” She left the hall.") is None
    assert frame("“We will win,” she knew.") is None
    assert frame("“We will win,” Park went home.") is None


def test_a_quote_found_by_its_frame_has_the_frames_verb_as_its_cue(extract):
    """The frame's verb is the quote's cue (grouping's cue rules read it), even where it is
    no cue verb of the lexicon."""
    q = by_text(extract('"It is a lie," she scoffed.'), '"It is a lie')
    assert q.speaker_mention is not None and q.speaker_mention.text == "she"
    assert q.cue == "scoffed"
    text = (
        "The council met on Tuesday to discuss the new stadium.\n\n"
        "“Nobody here wants to pay for it,” scoffed Maria Lopez, who runs a bakery."
    )
    q = by_text(extract(text), "“Nobody here")
    assert q.cue == "scoffed" and q.speaker == "Maria Lopez"
