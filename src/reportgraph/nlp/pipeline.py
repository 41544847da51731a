"""The spaCy side: the Chinese ``Language`` built from the shipped ``pipeline.cfg``, the
Doc extensions the components communicate through, and the sentence splitter.

Components (each a spaCy factory named ``reportgraph_*``; see ``pipeline.cfg``):

========================  =============================  ===============================
component                 reads                          assigns
========================  =============================  ===============================
reportgraph_sentences     tokens                         ``token.is_sent_start``
reportgraph_statistical   sentences                      ``doc._.rg_statistical`` (LAC's PER/ORG/LOC/TIME/nz/nw spans)
reportgraph_recognize     ``doc._.rg_report``, text      ``doc._.rg_mentions``, ``doc.spans["reportgraph"]``
reportgraph_resolve       ``doc._.rg_mentions``          ``doc._.rg_entities``, ``doc._.rg_home``, ``doc._.rg_author``,
                                                         ``doc._.rg_head`` (title, author and home, guesses included)
reportgraph_relate        entities, sentences            ``doc._.rg_relations``; adds to ``doc._.rg_entities`` the organs
                                                         named only through a shared organ (A、B和C政协)
========================  =============================  ===============================

Offsets in the extensions are character offsets into ``doc.text``, which is
``Report.clean`` and so has the offsets of the text as read.

Settings: each factory takes its settings from ``pipeline.cfg``, as spaCy's own do. The
genre's data tables are the ``[genre]`` section (``tables``: the version of the shipped
tables, ``organs``: organ tables of one's own), which ``reportgraph_recognize``,
``reportgraph_resolve`` and ``reportgraph_relate`` take as their ``tables`` and ``organs``
settings (``${genre.tables}``), so ``nlp.config`` records them and a saved pipeline keeps them.
``build_pipeline(config=path)`` lays a config file of one's own over the shipped one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from reportgraph.errors import ConfigError, ModelError
from reportgraph.nlp.extensions import EXTENSIONS, register_extensions

__all__ = ["EXTENSIONS", "build_pipeline", "make_sentences", "register_extensions", "split_sentences"]

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SENTENCE_END = frozenset("。！？!?；;")
#: Marks that end a clause: where a sentence longer than :data:`LONG_SENTENCE` is cut.
CLAUSE_END = frozenset("，,、：:")
#: A sentence longer than this many characters is cut at its next clause end, and one with
#: no clause end at twice this length at a token boundary, so the relation rules (which
#: compare the names within a sentence) cost no more on a text without sentence ends. The
#: longest sentence of the development reports has 320 characters.
LONG_SENTENCE = 512
def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after 。！？； and at line breaks.

    A token opens a sentence when the token before it ends with one of those marks or
    holds a line break, or when the sentence so far is longer than :data:`LONG_SENTENCE`
    characters and the token before it ends a clause (or it is twice as long). The flags are
    read from the text and the tokens' offsets (:func:`sentence_opens`) and written in one
    ``Doc.from_array`` call (making a ``Token`` object per token, or setting
    ``token.is_sent_start`` one at a time, costs more than the rule); the sentences'
    offsets are recorded for :func:`reportgraph.nlp.doc_offsets.sentence_offsets`.
    """
    import numpy
    from spacy.attrs import SENT_START

    from reportgraph.nlp.doc_offsets import doc_text, remember_sentences, token_offsets

    if not len(doc):
        return doc
    starts, ends = token_offsets(doc)
    opens = sentence_opens(doc_text(doc), starts, ends)
    flags = numpy.full((len(doc), 1), -1, dtype="int64")
    flags[opens, 0] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))
    remember_sentences(doc, [(starts[i], ends[j - 1]) for i, j in zip(opens, [*opens[1:], len(doc)])])
    return doc


_SENTENCE_END_CODES = sorted(map(ord, SENTENCE_END))


def sentence_opens(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """The indices of the tokens (given by their offsets into ``text``) that open a
    sentence, the first token's included (:func:`split_sentences`' rule).

    The marks and line breaks are found for every token at once; only when a sentence
    so found runs past :data:`LONG_SENTENCE` characters are the tokens walked one by one.

    >>> sentence_opens("一。二\\n三", [0, 1, 2, 3, 4], [1, 2, 3, 4, 5])
    [0, 2, 4]
    """
    import numpy

    if not starts:
        return []
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    s, e = numpy.asarray(starts, dtype="int64"), numpy.asarray(ends, dtype="int64")
    ends_sentence = numpy.isin(codes[numpy.maximum(e - 1, 0)], _SENTENCE_END_CODES) & (e > 0)
    lines = numpy.concatenate(([0], numpy.cumsum(codes == 10)))
    breaks = ends_sentence | (lines[e] > lines[s])  # the sentence ends after this token
    opens = numpy.concatenate(([0], numpy.flatnonzero(breaks[:-1]) + 1))
    opened = s[opens]
    opened[0] = 0
    first = numpy.zeros(len(s), dtype="int64")
    first[opens] = 1
    sentence = numpy.cumsum(first) - 1  # each token's sentence
    if (e - opened[sentence]).max() <= LONG_SENTENCE:
        return opens.tolist()
    # a long sentence: cut it at a clause end (or anywhere, when twice as long), token by token
    out = [0]
    at = 0  # where the current sentence starts
    for i in range(1, len(starts)):
        prev_end = ends[i - 1]
        if breaks[i - 1] or prev_end - at > LONG_SENTENCE and (
                text[prev_end - 1:prev_end] in CLAUSE_END or prev_end - at > 2 * LONG_SENTENCE):
            out.append(i)
            at = starts[i]
    return out


@lru_cache(maxsize=1)
def _quiet_jieba() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)


def build_pipeline(*, model: str | None = None, statistical: bool = True,
                   config: str | os.PathLike[str] | None = None) -> Language:
    """Build the reportgraph pipeline from the shipped config.

    ``model`` names an installed spaCy Chinese pipeline (``zh_core_web_sm``) or a path to
    one; its NER then joins the rule-based recogniser. Without it, nothing is downloaded
    and everything works. ``statistical=False`` leaves out ``reportgraph_statistical``
    (Baidu's LAC model, whose spans the recogniser vets as candidates). ``config`` is a
    config file of one's own whose sections and settings replace the shipped ones (for
    example ``[genre]`` with ``organs = ["my-organs.tsv"]``, an organ table read beside the
    shipped ones); an unknown setting, table or version is a :class:`ConfigError`.
    """
    import spacy
    from spacy import util

    from reportgraph.nlp import tokenizer  # noqa: F401  (register the tokenizer)
    from reportgraph.nlp.recognize import component as recognize  # noqa: F401  (register the factories)
    from reportgraph.nlp.statistical import component as statistical_component  # noqa: F401

    _quiet_jieba()
    register_extensions()
    cfg = util.load_config(resources.files(__package__).joinpath("pipeline.cfg"))  # type: ignore[arg-type]
    if config is not None:
        cfg = cfg.merge(_user_config(config))
    if not statistical:
        cfg["nlp"]["pipeline"] = [p for p in cfg["nlp"]["pipeline"] if p != "reportgraph_statistical"]
        cfg["components"].pop("reportgraph_statistical", None)
    try:
        nlp = util.load_model_from_config(cfg, auto_fill=True, validate=True)
    except util.ConfigValidationError as err:
        where = f" ({config})" if config is not None else ""
        raise ConfigError(f"the pipeline config{where} does not fit the components: "
                          f"{' '.join(str(err).split())}") from err
    if model:
        try:
            ner_nlp = spacy.load(model, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer"])
        except (OSError, ImportError, ValueError) as err:
            raise ModelError(
                f"cannot load the spaCy model {model!r}: {err}. Install it "
                "(python -m spacy download zh_core_web_sm) or give a path to a saved pipeline"
            ) from err
        if "ner" not in ner_nlp.pipe_names:
            raise ModelError(f"the spaCy model {model!r} has no 'ner' component")
        nlp.add_pipe("ner", source=ner_nlp, before="reportgraph_recognize")
    return nlp


def _user_config(path: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
    from spacy import util

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"cannot read the pipeline config {path}: {err}") from err
    try:
        cfg = util.load_config_from_str(text, interpolate=False)
    except Exception as err:  # confection's parse errors have no common base
        raise ConfigError(f"the pipeline config {path} is not a spaCy config file: {' '.join(str(err).split())}") from err
    organs = cfg.get("genre", {}).get("organs")
    if isinstance(organs, list):  # a table named in a config file is found beside it
        cfg["genre"]["organs"] = [str(Path(path).parent / p) for p in organs]
    return cfg


from spacy.language import Language as _Language  # noqa: E402


@_Language.factory("reportgraph_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """spaCy factory for the sentence splitter (:func:`split_sentences`)."""
    return split_sentences
