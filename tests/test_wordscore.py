"""The learned word score: its naive Bayes, its features, and its place in a model file."""
import numpy as np
import pytest

from pipeline import features, textmodel, wordscore
from pipeline.segment import segment_text
from pipeline.wordscore import WordScore, term_lists

LINES = ["Share this story on Facebook", "The council said on Monday that the bridge will reopen",
         "Read more", "Share this", "Officials said the repairs cost less than expected",
         "Subscribe to our newsletter", "Read more stories like this"]
LABELS = np.array([0, 1, 0, 0, 1, 0, 0])


def _fitted(rows=None):
    indptr, terms = term_lists("\n".join(LINES).lower(), len(LINES))
    rows = np.arange(len(LINES)) if rows is None else rows
    return WordScore.fit(indptr, terms, LABELS, rows), indptr, terms


def test_word_score_is_multinomial_naive_bayes_over_distinct_terms():
    naive_bayes = pytest.importorskip("sklearn.naive_bayes")
    from scipy.sparse import csr_matrix

    ws, indptr, terms = _fitted()
    X = csr_matrix((np.ones(len(terms)), terms, indptr), shape=(len(LINES), 2 ** wordscore.BITS))
    nb = naive_bayes.MultinomialNB(alpha=wordscore.ALPHA).fit(X, LABELS)
    log_p = nb.predict_joint_log_proba(X)
    # float32 weights, as stored
    assert np.allclose(ws.score(indptr, terms), log_p[:, 1] - log_p[:, 0], atol=1e-4)


def test_word_score_reads_article_words_high_and_chrome_low():
    ws, _, _ = _fitted(np.array([0, 1, 2, 4, 5]))   # "Share this" and "Read more stories" unseen
    indptr, terms = term_lists("share this\nthe mayor said on monday\nread more stories", 3)
    unseen_chrome, prose, more = ws.score(indptr, terms)
    assert unseen_chrome < 0 < prose and more < 0
    # one giant block cannot outweigh its neighbours by more than CLIP
    indptr, terms = term_lists(" ".join(f"said{i}" for i in range(5000)), 1)
    assert WordScore(np.full(2 ** wordscore.BITS, 0.5), 0.0).score(indptr, terms)[0] == wordscore.CLIP


def test_word_columns_stay_inside_their_document_and_match_alone():
    docs = [segment_text("Home\nThe council said on Monday that the bridge will reopen.\nShare this"),
            segment_text("Read more\nOfficials said the repairs cost less than expected.")]
    ws, _, _ = _fitted()
    batch = features.Batch.of(docs)
    X, names = features.stage1_matrix(batch, words=ws)
    assert names == features.STAGE1_NAMES + features.WORD_NAMES
    alone = [features.stage1_matrix(features.Batch.of([d]), words=ws)[0] for d in docs]
    assert np.array_equal(X, np.concatenate(alone))
    first_of_second = len(docs[0])
    assert X[first_of_second, names.index("word_score@-1")] == 0.0   # not the other page's last line
    assert X[first_of_second - 1, names.index("word_score@+1")] == 0.0
    # an empty batch still has the word columns
    assert features.stage1_matrix(features.Batch.of([[]]), words=ws)[0].shape == (0, len(names))


def test_model_file_keeps_its_word_score(tmp_path):
    ws, _, _ = _fitted()
    model = textmodel.TextModel.load(textmodel.MODEL_PATH)
    model.words = ws
    model.save(tmp_path / "m.npz")
    again = textmodel.TextModel.load(tmp_path / "m.npz")
    assert np.array_equal(again.words.weight, ws.weight) and again.words.bias == ws.bias
