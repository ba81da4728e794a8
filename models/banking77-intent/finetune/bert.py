"""BERT encoder in torch, weights read from an exported ONNX file (HF optimum naming)."""
import math, json, onnx, torch, numpy as np
from onnx import numpy_helper
import torch.nn as nn
import torch.nn.functional as F

def onnx_weights(path):
    m = onnx.load(path)
    inits = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    w = {}
    for n in m.graph.node:
        if n.op_type == 'MatMul':
            for i in n.input:
                if i in inits and n.name.startswith('/encoder/'):
                    # /encoder/layer.0/attention/self/query/MatMul -> encoder.layer.0.attention.self.query.weight (in,out)
                    key = n.name[1:].replace('/', '.').replace('.MatMul', '.weight')
                    w[key] = inits[i]
    for k, v in inits.items():
        if not k.startswith('onnx::'):
            w[k] = v
    return w

class Layer(nn.Module):
    def __init__(self, d=384, heads=12, ff=1536):
        super().__init__()
        self.h = heads; self.d = d
        self.q = nn.Linear(d, d); self.k = nn.Linear(d, d); self.v = nn.Linear(d, d)
        self.o = nn.Linear(d, d); self.ln1 = nn.LayerNorm(d, eps=1e-12)
        self.i = nn.Linear(d, ff); self.out = nn.Linear(ff, d); self.ln2 = nn.LayerNorm(d, eps=1e-12)
        self.drop = nn.Dropout(0.1)
    def forward(self, x, bias):
        B, T, D = x.shape; h = self.h; dh = D // h
        q = self.q(x).view(B, T, h, dh).transpose(1, 2)
        k = self.k(x).view(B, T, h, dh).transpose(1, 2)
        v = self.v(x).view(B, T, h, dh).transpose(1, 2)
        a = (q @ k.transpose(-1, -2)) / math.sqrt(dh) + bias
        a = self.drop(torch.softmax(a, -1))
        c = (a @ v).transpose(1, 2).reshape(B, T, D)
        x = self.ln1(x + self.drop(self.o(c)))
        y = self.out(F.gelu(self.i(x)))
        return self.ln2(x + self.drop(y))
    def load(self, w, p):
        def lin(mod, name):
            mod.weight.data = torch.tensor(w[p + name + '.weight']).T.contiguous()
            mod.bias.data = torch.tensor(w[p + name + '.bias'])
        def ln(mod, name):
            mod.weight.data = torch.tensor(w[p + name + '.weight']); mod.bias.data = torch.tensor(w[p + name + '.bias'])
        lin(self.q, 'attention.self.query'); lin(self.k, 'attention.self.key'); lin(self.v, 'attention.self.value')
        lin(self.o, 'attention.output.dense'); ln(self.ln1, 'attention.output.LayerNorm')
        lin(self.i, 'intermediate.dense'); lin(self.out, 'output.dense'); ln(self.ln2, 'output.LayerNorm')
    def weights(self, p):
        """The inverse of load: this layer's weights under their ONNX names, MatMul weights as (in, out)."""
        w = {}
        for mod, name in ((self.q, 'attention.self.query'), (self.k, 'attention.self.key'), (self.v, 'attention.self.value'),
                          (self.o, 'attention.output.dense'), (self.i, 'intermediate.dense'), (self.out, 'output.dense')):
            w[p + name + '.weight'] = mod.weight.detach().numpy().T.copy(); w[p + name + '.bias'] = mod.bias.detach().numpy().copy()
        for mod, name in ((self.ln1, 'attention.output.LayerNorm'), (self.ln2, 'output.LayerNorm')):
            w[p + name + '.weight'] = mod.weight.detach().numpy().copy(); w[p + name + '.bias'] = mod.bias.detach().numpy().copy()
        return w

class Embeddings(nn.Module):
    def __init__(self, w):
        super().__init__()
        self.word = nn.Embedding.from_pretrained(torch.tensor(w['embeddings.word_embeddings.weight']))
        self.pos = nn.Embedding.from_pretrained(torch.tensor(w['embeddings.position_embeddings.weight']))
        self.typ = nn.Embedding.from_pretrained(torch.tensor(w['embeddings.token_type_embeddings.weight']))
        self.ln = nn.LayerNorm(384, eps=1e-12)
        self.ln.weight.data = torch.tensor(w['embeddings.LayerNorm.weight']); self.ln.bias.data = torch.tensor(w['embeddings.LayerNorm.bias'])
    def forward(self, ids):
        T = ids.shape[1]
        return self.ln(self.word(ids) + self.pos(torch.arange(T)) + self.typ(torch.zeros_like(ids)))

def mask_bias(mask):
    return ((1.0 - mask[:, None, None, :].float()) * -1e4)

def load_layers(w, layers):
    out = []
    for l in layers:
        m = Layer(); m.load(w, f'encoder.layer.{l}.'); out.append(m)
    return nn.ModuleList(out)

# Batching for the tuning scripts: rows are DumpIds's JSON lines ({"ids": [...], ...}).

def length_batches(rows, idx, bs, shuffle):
    """Groups of bs rows of similar length (less padding); shuffled as groups when training."""
    import random
    idx = sorted(idx, key=lambda i: len(rows[i]['ids']))
    groups = [idx[i:i + bs] for i in range(0, len(idx), bs)]
    if shuffle: random.shuffle(groups)
    return groups

def pad_ids(rows, group):
    T = max(len(rows[i]['ids']) for i in group)
    ids = torch.zeros(len(group), T, dtype=torch.long); m = torch.zeros(len(group), T)
    for k, i in enumerate(group):
        n = len(rows[i]['ids']); ids[k, :n] = torch.tensor(rows[i]['ids']); m[k, :n] = 1
    return ids, m

def check_against_hub(w, emb, rows):
    """The torch model must compute what the hub does: its CLS vectors against the hub's, dumped with the ids."""
    with torch.no_grad():
        full = load_layers(w, range(12)); full.eval()
        for r in (r for r in rows if 'cls' in r):
            ids = torch.tensor([r['ids']]); x = emb(ids); b = mask_bias(torch.ones_like(ids))
            for L in full: x = L(x, b)
            c = x[0, 0] / x[0, 0].norm()
            assert float(torch.dot(c, torch.tensor(r['cls']))) > 0.9999, 'torch model differs from the hub encoder'

def cache_states(rows, emb, bottom):
    """Every row's states after the frozen bottom layers, computed once."""
    cache = {}
    with torch.no_grad():
        for g in length_batches(rows, range(len(rows)), 64, False):
            ids, m = pad_ids(rows, g); x = emb(ids); b = mask_bias(m)
            for L in bottom: x = L(x, b)
            for k, i in enumerate(g): cache[i] = x[k, :len(rows[i]['ids'])].clone()
    return cache

def stack_states(cache, group):
    T = max(cache[i].shape[0] for i in group)
    x = torch.zeros(len(group), T, 384); m = torch.zeros(len(group), T)
    for k, i in enumerate(group):
        n = cache[i].shape[0]; x[k, :n] = cache[i]; m[k, :n] = 1
    return x, m
