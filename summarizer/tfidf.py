"""TF-IDF rows for sentence similarity, as scikit-learn's ``TfidfVectorizer(stop_words="english",
sublinear_tf=True)`` computes them (same tokens, vocabulary order, smoothed idf, 1 + log tf, unit rows),
without importing scikit-learn: that import alone cost ~0.9 s of every brief's start on 2 cores.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from .prepass.lexicon import TFIDF_STOP

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def tfidf_rows(texts: Sequence[str], token: re.Pattern[str] = _TOKEN) -> csr_matrix | None:
    """One unit-length row per text (a text without content words is a zero row); ``None`` when no text
    has a content word at all (scikit-learn raises 'empty vocabulary' there). ``token`` is scikit-learn's
    ``token_pattern``, compiled."""
    counts = [Counter(t for t in token.findall(text.lower()) if t not in TFIDF_STOP) for text in texts]
    vocab = sorted({t for c in counts for t in c})
    if not vocab:
        return None
    index = {t: i for i, t in enumerate(vocab)}
    indptr, cols, tf = [0], [], []
    for c in counts:
        for term in sorted(c, key=index.__getitem__):
            cols.append(index[term])
            tf.append(c[term])
        indptr.append(len(cols))
    col = np.asarray(cols, dtype=np.int64)
    n_docs = len(texts)
    df = np.bincount(col, minlength=len(vocab))
    idf = np.log((1 + n_docs) / (1 + df)) + 1.0
    data = (np.log(np.asarray(tf, dtype=np.float64)) + 1.0) * idf[col]
    matrix = csr_matrix((data, col, np.asarray(indptr, dtype=np.int64)), shape=(n_docs, len(vocab)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
    return matrix
