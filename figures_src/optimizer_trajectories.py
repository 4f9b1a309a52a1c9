"""SGD, Momentum, RMSprop and Adam on one ill-conditioned quadratic valley (numpy, 100 steps)."""
import numpy as np

from style import color, new_figure, palette, pick

CURV = np.array([0.02, 2.0])      # f(x, y) = (0.02 x^2 + 2 y^2) / 2: condition number 100
START = np.array([-9.0, 1.5])
STEPS = 100


def loss(x, y):
    return 0.5 * (CURV[0] * x**2 + CURV[1] * y**2)


def grad(p):
    return CURV * p


def run(method, lr, beta=0.9, beta2=0.999, eps=1e-8):
    p, v, s = START.copy(), np.zeros(2), np.zeros(2)
    path = [p.copy()]
    for t in range(1, STEPS + 1):
        g = grad(p)
        if method == "sgd":
            p = p - lr * g
        elif method == "momentum":
            v = beta * v + g
            p = p - lr * v
        elif method == "rmsprop":
            s = beta * s + (1 - beta) * g**2
            p = p - lr * g / (np.sqrt(s) + eps)
        elif method == "adam":
            v = beta * v + (1 - beta) * g
            s = beta2 * s + (1 - beta2) * g**2
            v_hat, s_hat = v / (1 - beta**t), s / (1 - beta2**t)
            p = p - lr * v_hat / (np.sqrt(s_hat) + eps)
        path.append(p.copy())
    return np.array(path)


def draw(lang):
    runs = [
        ("sgd", 0.95, "SGD"),
        ("momentum", 0.3, "Momentum"),
        ("rmsprop", 0.15, "RMSprop"),
        ("adam", 0.5, "Adam"),
    ]
    xs, ys = np.meshgrid(np.linspace(-10, 2, 300), np.linspace(-2, 2, 200))
    levels = np.geomspace(0.01, 4, 9)
    fig, axes = new_figure(width=8.0, height=5.0, nrows=2, ncols=2, sharex=True, sharey=True)
    for i, (ax, (method, lr, name)) in enumerate(zip(axes.flat, runs)):
        ax.contour(xs, ys, loss(xs, ys), levels=levels, colors=palette()["muted"], linewidths=0.7)
        path = run(method, lr)
        ax.plot(path[:, 0], path[:, 1], color=color(i), marker="o", markersize=2.2, linewidth=1.2)
        ax.scatter([START[0]], [START[1]], color=palette()["fg"], marker="s", s=18, zorder=3)
        ax.scatter([0], [0], color=palette()["fg"], marker="*", s=70, zorder=3)
        final = loss(*path[-1])
        ax.set_title(pick(lang, f"{name}（η = {lr}），100 步后损失 {final:.1e}",
                          f"{name} (η = {lr}), loss after 100 steps {final:.1e}"), fontsize=10)
        ax.grid(False)
    for ax in axes[1]:
        ax.set_xlabel(r"$\theta_1$")
    for ax in axes[:, 0]:
        ax.set_ylabel(r"$\theta_2$")
    return fig
