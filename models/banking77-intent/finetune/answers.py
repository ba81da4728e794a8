"""The hub's out-of-fold answers as the replay scripts beside this file read them: `agent-hub eval --folds 5 --oof`'s
records (one tier per model, v8 and v6; see replay_cascade.py), every text's out-of-fold familiarity from
Familiarity.java, and the labels' order from a model card."""
import json
from types import SimpleNamespace
import numpy as np


def load(oof_file, fam_file, card_file):
    """labels, index (each record's row in the training file), y, fold, P8, P6 (calibrated probabilities), fam (each
    text's familiarity), probes (Familiarity's probe rows)."""
    labels = json.load(open(card_file))['labels']; ix = {l: i for i, l in enumerate(labels)}
    recs = [json.loads(line) for line in open(oof_file)]
    index = [r['index'] for r in recs]
    rows = [json.loads(line) for line in open(fam_file)]
    return SimpleNamespace(
        labels=labels, index=index,
        y=np.array([ix[r['label']] for r in recs]), fold=np.array([r['fold'] for r in recs]),
        P8=np.array([r['tiers']['v8'] for r in recs]), P6=np.array([r['tiers']['v6'] for r in recs]),
        fam=np.array([r['fam'] for r in rows if r['set'] == 'train'])[index],
        probes=[r for r in rows if r['set'] == 'probe'])


def blend(ps, ws):
    """The hub's ensemble: a weighted geometric mean of the members' probabilities, weights normalised."""
    ws = np.array(ws, float) / sum(ws)
    lg = sum(w * np.log(np.maximum(q, 1e-300)) for w, q in zip(ws, ps) if w)
    q = np.exp(lg - lg.max(1, keepdims=True)); return q / q.sum(1, keepdims=True)


def cascade(first, first_threshold, second, second_threshold, familiar):
    """Two in-process tiers, both behind the familiarity gate: the label each text gets, and whether it is answered."""
    one = (first.max(1) >= first_threshold) & familiar
    two = ~one & (second.max(1) >= second_threshold) & familiar
    return np.where(one, first.argmax(1), second.argmax(1)), one | two
