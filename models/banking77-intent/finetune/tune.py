"""Fine-tunes bge-small's top --tuned layers plus a cosine classifier on BANKING77, on one or more of the
cascade's folds, and prints held-out accuracy alone and blended with the frozen nearest-neighbour vote.
See README.md beside this file; the figures are in ../EXPERIMENTS.md (fifth round)."""
import json, sys, os, time, math, random, argparse
import openblas  # before torch: one OpenBLAS thread per --threads
import torch, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bert import *
p = argparse.ArgumentParser()
p.add_argument('--tuned', type=int, default=4)
p.add_argument('--epochs', type=int, default=5)
p.add_argument('--lr', type=float, default=1e-4)
p.add_argument('--head-lr', type=float, default=2e-3)
p.add_argument('--folds', default='0', help="comma-separated folds to hold out in turn, or 'all' to train on every example")
p.add_argument('--batch', type=int, default=32)
p.add_argument('--seed', type=int, default=7, help='torch and shuffling seed (v8: 7); another seed gives a second member of the same recipe')
p.add_argument('--threads', type=int, default=2, help='torch threads: two runs of one thread each finish two folds sooner than one run of two')
p.add_argument('--out', default='oof', help='prefix of the .npy files written')
p.add_argument('--ids', required=True, help='JSON lines from DumpIds: label, fold, token ids')
p.add_argument('--onnx', required=True, help='bge-small-en-v1.5.onnx, as shipped in the langchain4j jar')
p.add_argument('--save', help="with --folds all: a directory for the tuned network (encoder.onnx, int8) and classifier (head.json)")
p.add_argument('--template', help='with --save: bge-small-en-v1.5-q.onnx from the langchain4j jar, the int8 network written with the tuned weights')
a = p.parse_args()
if a.save and (a.folds != 'all' or not a.template):
    p.error('--save needs --folds all and --template')
torch.set_num_threads(a.threads); torch.manual_seed(a.seed); random.seed(a.seed)
w = onnx_weights(a.onnx)
rows = [json.loads(l) for l in open(a.ids)]
labels = sorted({r['label'] for r in rows}); li = {l: i for i, l in enumerate(labels)}
y = np.array([li[r['label']] for r in rows]); fold = np.array([r['fold'] for r in rows])
L0 = 12 - a.tuned
emb = Embeddings(w); bottom = load_layers(w, range(L0)); emb.eval(); bottom.eval()

def batches(idx, bs, shuffle):
    return length_batches(rows, idx, bs, shuffle)

check_against_hub(w, emb, rows)
t0 = time.time()
cache = cache_states(rows, emb, bottom)
print(f'cached layer {L0} states in {time.time()-t0:.0f}s', flush=True)

def stack(group):
    return stack_states(cache, group)

class Top(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = load_layers(w, range(L0, 12)); self.drop = nn.Dropout(0.1); self.cls = nn.Linear(384, len(labels))
    def forward(self, x, m):
        b = mask_bias(m)
        for L in self.layers: x = L(x, b)
        c = x[:, 0]; c = c / c.norm(dim=-1, keepdim=True)
        return self.cls(self.drop(c)) 

for f in [-1] if a.folds == 'all' else [int(s) for s in a.folds.split(',')]:
    tr = np.where(fold != f)[0]; te = np.where(fold == f)[0]
    model = Top()
    # the frozen model's CLS vectors: class centroids start the classifier, and a nearest-neighbour vote compares
    with torch.no_grad():
        model.eval(); E = np.zeros((len(rows), 384), dtype=np.float32)
        for g in batches(list(range(len(rows))), 256, False):
            x, m = stack(g); b = mask_bias(m)
            for L in model.layers: x = L(x, b)
            c = x[:, 0]; c = c / c.norm(dim=-1, keepdim=True)
            E[g] = c.numpy()
        np.save(f'{a.out}_frozen_t{a.tuned}.npy', E)
        C = np.stack([E[tr][y[tr] == c].mean(0) for c in range(len(labels))]); C /= np.linalg.norm(C, axis=1, keepdims=True)
        model.cls.weight.data = torch.tensor(C); model.cls.bias.data.zero_()
        # frozen nearest neighbours on this fold, for comparison and blending
        S = E[te] @ E[tr].T; top = np.argsort(-S, 1)[:, :10]; P = np.zeros((len(te), len(labels)))
        for r in range(len(te)):
            s = S[r, top[r]]; wts = np.exp((s - s[0]) / 0.02)
            for j, wt in zip(top[r], wts): P[r, y[tr][j]] += wt
        P /= P.sum(1, keepdims=True)
        if len(te):
            np.save(f'{a.out}_knn_f{f}.npy', P)
            print('frozen kNN held-out acc', float((P.argmax(1) == y[te]).mean()), flush=True)
    opt = torch.optim.AdamW([{'params': model.layers.parameters(), 'lr': a.lr}, {'params': model.cls.parameters(), 'lr': a.head_lr}], weight_decay=0.01)
    steps = a.epochs * math.ceil(len(tr) / a.batch); warm = int(0.06 * steps); step = 0
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(1, warm)) * max(0.0, (steps - s) / max(1, steps - warm)))
    for ep in range(a.epochs):
        model.train(); t0 = time.time(); tot = 0
        for b, g in enumerate(batches(list(tr), a.batch, True)):
            x, m = stack(g); logits = model(x, m) * 20.0
            loss = F.cross_entropy(logits, torch.tensor(y[g]))
            opt.zero_grad(); loss.backward(); opt.step(); sched.step(); tot += float(loss) * len(g)
            if (b + 1) % 50 == 0:   # so an epoch can be timed early: machines differ several times over
                print(f'  batch {b + 1} of {math.ceil(len(tr) / a.batch)} ({time.time()-t0:.0f}s)', flush=True)
        model.eval(); correct = 0; out = np.zeros((len(te), len(labels)), dtype=np.float32)
        with torch.no_grad():
            pos = {i: k for k, i in enumerate(te)}
            for g in batches(list(te), 128, False):
                x, m = stack(g); lg = model(x, m) * 20.0
                for k, i in enumerate(g): out[pos[i]] = lg[k].numpy()
        acc = float((out.argmax(1) == y[te]).mean()) if len(te) else float('nan')
        print(f'fold {f} epoch {ep+1} loss {tot/len(tr):.4f} held-out acc {acc:.4f} ({time.time()-t0:.0f}s)', flush=True)
    if not len(te):
        break
    pt = torch.softmax(torch.tensor(out), 1).numpy()
    for wk in (0.5, 1, 2, 3):
        bl = np.log(pt + 1e-9) + wk * np.log(P + 1e-4)
        print(f'blend tuned + {wk} x kNN: {float((bl.argmax(1) == y[te]).mean()):.4f}', flush=True)
    np.save(f'{a.out}_t{a.tuned}_f{f}.npy', out); np.save(f'{a.out}_t{a.tuned}_f{f}_idx.npy', te)

if a.save:
    import export
    os.makedirs(a.save, exist_ok=True)
    tuned = dict(w)
    for l, layer in zip(range(L0, 12), model.layers):
        tuned.update(layer.weights(f'encoder.layer.{l}.'))
    export.write(a.template, tuned, os.path.join(a.save, 'encoder.onnx'))
    # what the hub must reproduce from the int8 file: the fp32 model's logits on the first texts
    model.eval(); sample = list(range(200))
    with torch.no_grad():
        x, m = stack(sample); reference = (model(x, m) * 20.0).numpy()
    with open(os.path.join(a.save, 'head.json'), 'w') as out:
        json.dump({'labels': labels, 'baseEncoder': 'bge-small-en-v1.5-q', 'pooling': 'cls, normalised', 'scale': 20.0,
                   'method': f'bge-small-en-v1.5, top {a.tuned} layers tuned with a cosine classifier (scale 20)',
                   'weights': (20.0 * model.cls.weight.detach().numpy()).tolist(),
                   'bias': (20.0 * model.cls.bias.detach().numpy()).tolist(),
                   'recipe': {k: v for k, v in vars(a).items() if k not in ('save', 'template', 'out')},
                   'reference': {'rows': sample, 'logits': reference.tolist()}}, out)
    print('saved the tuned network and classifier in', a.save, flush=True)
