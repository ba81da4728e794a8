"""Fine-tunes bge-small's top --tuned layers with a cosine classifier on CLINC150's in-scope `train` split only,
and after every epoch measures what out-of-scope detection needs, on data the tuning never saw: `val` (3,000 in
scope) and the 200 out-of-scope examples of `oos_train` and `oos_val`. Familiarity is the mean cosine similarity
of a text's --k nearest `train` examples; the threshold for a target recall is chosen by 5-fold cross-validation
over the 200 out-of-scope examples (set on four fifths, measured on the fifth), and in-scope accuracy counts a
rejected in-scope text as wrong. Epoch 0 is the frozen encoder under the same protocol.
See README.md beside this file; figures in ../EXPERIMENTS.md."""
import json, sys, os, time, math, random, argparse
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'banking77-intent', 'finetune'))
import openblas  # before torch: one OpenBLAS thread per --threads
import torch, numpy as np
import torch.nn.functional as F
from bert import *
p = argparse.ArgumentParser()
p.add_argument('--tuned', type=int, default=6)
p.add_argument('--epochs', type=int, default=3)
p.add_argument('--lr', type=float, default=1e-4)
p.add_argument('--head-lr', type=float, default=2e-3)
p.add_argument('--batch', type=int, default=32)
p.add_argument('--k', type=int, default=3)
p.add_argument('--supcon', type=float, default=0.0, help='weight of a supervised contrastive loss on the batch (0: none)')
p.add_argument('--threads', type=int, default=2)
p.add_argument('--ids', required=True, help='folder with clinc_{train,val,oos_train,oos_val}.jsonl from DumpIds')
p.add_argument('--onnx', required=True, help='bge-small-en-v1.5.onnx, as shipped in the langchain4j jar')
p.add_argument('--out', default='clinc', help='prefix of the .npy files written')
p.add_argument('--save', help='a directory for the tuned network (encoder.onnx, int8) and classifier (head.json)')
p.add_argument('--template', help='with --save: bge-small-en-v1.5-q.onnx, the int8 network written with the tuned weights')
a = p.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(7); random.seed(7); rng = np.random.default_rng(7)
w = onnx_weights(a.onnx)
SPLITS = ('train', 'val', 'oos_train', 'oos_val')
rows, split = [], []
for s in SPLITS:
    for l in open(os.path.join(a.ids, f'clinc_{s}.jsonl')):
        rows.append(json.loads(l)); split.append(s)
split = np.array(split)
labels = sorted({r['label'] for r, s in zip(rows, split) if s == 'train'}); li = {l: i for i, l in enumerate(labels)}
y = np.array([li.get(r['label'], -1) for r in rows])
tr = np.where(split == 'train')[0]; va = np.where(split == 'val')[0]; oos = np.where(y < 0)[0]
L0 = 12 - a.tuned
emb = Embeddings(w); bottom = load_layers(w, range(L0)); emb.eval(); bottom.eval()

def batches(idx, bs, shuffle):
    return length_batches(rows, idx, bs, shuffle)

check_against_hub(w, emb, rows)  # DumpIds wrote the hub's CLS vectors of each file's first 20 texts
t0 = time.time()
cache = cache_states(rows, emb, bottom)
print(f'cached layer {L0} states of {len(rows)} texts in {time.time()-t0:.0f}s', flush=True)

def stack(group):
    return stack_states(cache, group)

class Top(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = load_layers(w, range(L0, 12)); self.drop = nn.Dropout(0.1); self.cls = nn.Linear(384, len(labels))
    def embed(self, x, m):
        b = mask_bias(m)
        for L in self.layers: x = L(x, b)
        c = x[:, 0]; return c / c.norm(dim=-1, keepdim=True)
    def forward(self, x, m):
        c = self.embed(x, m); return self.cls(self.drop(c)), c

model = Top()

def encode():
    model.eval(); E = np.zeros((len(rows), 384), dtype=np.float32); Z = np.zeros((len(rows), len(labels)), dtype=np.float32)
    with torch.no_grad():
        for g in batches(list(range(len(rows))), 256, False):
            x, m = stack(g); lg, c = model(x, m); E[g] = c.numpy(); Z[g] = (lg * 20.0).numpy()
    return E, Z

def familiarity(E, query, k):
    out = np.zeros(len(query), dtype=np.float32)
    for s in range(0, len(query), 1024):
        S = E[query[s:s + 1024]] @ E[tr].T
        out[s:s + 1024] = np.partition(S, -k, axis=1)[:, -k:].mean(1)
    return out

def auroc(pos, neg):
    """P(an in-scope score > an out-of-scope score)."""
    allv = np.concatenate([pos, neg]); r = allv.argsort().argsort() + 1.0
    return (r[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))

def report(tag, E, Z):
    fam = familiarity(E, np.concatenate([va, oos]), a.k); fin, fout = fam[:len(va)], fam[len(va):]
    pred = Z[va].argmax(1); right = pred == y[va]
    msp = torch.softmax(torch.tensor(Z), 1).numpy().max(1)
    print(f'{tag}: val accuracy {right.mean():.4f}; AUROC familiarity {auroc(fin, fout):.4f}, max-prob {auroc(msp[va], msp[oos]):.4f}', flush=True)
    folds = rng.permutation(len(oos)) % 5
    for target in (0.90, 0.92, 0.95):
        rec, rej, acc = [], [], []
        for f in range(5):
            t = np.quantile(fout[folds != f], target)   # out-of-scope below t are caught: the target share of the four fifths
            rec.append(float((fout[folds == f] < t).mean())); kept = fin >= t
            rej.append(float(1 - kept.mean())); acc.append(float((right & kept).mean()))
        print(f'  target {target:.2f}: OOS recall {np.mean(rec):.3f} [{min(rec):.3f}-{max(rec):.3f}], in-scope rejected {np.mean(rej):.4f},'
              f' in-scope accuracy {np.mean(acc):.4f} [{min(acc):.4f}-{max(acc):.4f}]', flush=True)

E, Z = encode()
C = np.stack([E[tr][y[tr] == c].mean(0) for c in range(len(labels))]); C /= np.linalg.norm(C, axis=1, keepdims=True)
model.cls.weight.data = torch.tensor(C); model.cls.bias.data.zero_()
E, Z = encode(); report('epoch 0 (frozen, centroid classifier)', E, Z)
opt = torch.optim.AdamW([{'params': model.layers.parameters(), 'lr': a.lr}, {'params': model.cls.parameters(), 'lr': a.head_lr}], weight_decay=0.01)
steps = a.epochs * math.ceil(len(tr) / a.batch); warm = int(0.06 * steps)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(1, warm)) * max(0.0, (steps - s) / max(1, steps - warm)))
for ep in range(a.epochs):
    model.train(); t0 = time.time(); tot = 0
    for g in batches(list(tr), a.batch, True):
        x, m = stack(g); logits, c = model(x, m); yt = torch.tensor(y[g])
        loss = F.cross_entropy(logits * 20.0, yt)
        if a.supcon > 0:
            S = (c @ c.T) / 0.1; eye = torch.eye(len(g), dtype=torch.bool); S = S.masked_fill(eye, -1e9)
            same = (yt[:, None] == yt[None, :]) & ~eye; has = same.any(1)
            if has.any():
                logp = S - torch.logsumexp(S, 1, keepdim=True)
                loss = loss + a.supcon * (-(logp * same).sum(1)[has] / same.sum(1)[has]).mean()
        opt.zero_grad(); loss.backward(); opt.step(); sched.step(); tot += float(loss) * len(g)
    print(f'epoch {ep+1} loss {tot/len(tr):.4f} ({time.time()-t0:.0f}s)', flush=True)
    E, Z = encode(); report(f'epoch {ep+1}', E, Z)
np.save(f'{a.out}_vectors.npy', E); np.save(f'{a.out}_logits.npy', Z)

if a.save:
    import export
    os.makedirs(a.save, exist_ok=True)
    tuned = dict(w)
    for l, layer in zip(range(L0, 12), model.layers):
        tuned.update(layer.weights(f'encoder.layer.{l}.'))
    export.write(a.template, tuned, os.path.join(a.save, 'encoder.onnx'))
    sample = list(tr[:200])
    with open(os.path.join(a.save, 'head.json'), 'w') as out:
        json.dump({'labels': labels, 'baseEncoder': 'bge-small-en-v1.5-q', 'pooling': 'cls, normalised', 'scale': 20.0,
                   'tunedOn': ['datasets/clinc150/train.jsonl'],
                   'method': f'bge-small-en-v1.5, top {a.tuned} layers tuned on CLINC150 train with a cosine classifier (scale 20)',
                   'weights': (20.0 * model.cls.weight.detach().numpy()).tolist(),
                   'bias': (20.0 * model.cls.bias.detach().numpy()).tolist(),
                   'recipe': {k: v for k, v in vars(a).items() if k not in ('save', 'template', 'out', 'ids', 'onnx')},
                   'reference': {'file': 'datasets/clinc150/train.jsonl', 'rows': [int(i) for i in sample], 'logits': Z[sample].tolist()}}, out)
    print('saved the tuned network and classifier in', a.save, flush=True)
