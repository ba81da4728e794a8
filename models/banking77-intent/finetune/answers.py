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
