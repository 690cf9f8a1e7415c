"""Reference values for ImageMetricsCrossCheckTest (run with python3 having numpy, scipy, scikit-image, opencv).

Paper mode: the functions of image-similarity-measures 0.3.6 (image_similarity_measures/quality_metrics.py), with
scikit-image's structural_similarity and OpenCV's Scharr called for real, and phasepack.phasecong transcribed line by
line (phasepack is not installable here). Standard mode: independent numpy/scipy/scikit-image implementations of the
textbook definitions that ImageMetrics documents. The test pictures come from the integer generator below, which the
Java test repeats exactly.

Used: Debian 12's python3 (numpy 1.24.2, scipy 1.10.1, scikit-image 0.19.3, OpenCV 4.6.0).
"""
import math
import sys

import cv2
import numpy as np
from scipy.signal import convolve2d
from skimage.metrics import structural_similarity, peak_signal_noise_ratio


def make_pair(w, h, seed):
    state = seed

    def rnd():
        nonlocal state
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        return state >> 16

    a = np.zeros((h, w, 3), np.uint8)
    b = np.zeros((h, w, 3), np.uint8)
    for y in range(h):
        for x in range(w):
            flat = x < w // 4 and y < h // 4
            for c in range(3):
                if flat:
                    v = 90 + 20 * c
                    u = v
                else:
                    v = 30 + (x * (3 + c) + y * (5 - c)) * 2 % 160
                    if (x // 6 + y // 5) % 2 == 0:
                        v += 60
                    v += rnd() % 11
                    v = min(255, max(1, v))
                    u = min(255, max(1, v + rnd() % 41 - 20))
                a[y, x, c] = v
                b[y, x, c] = u
    return a, b


# ---------------------------------------------------------------- paper mode: image-similarity-measures 0.3.6

def lowpassfilter(size, cutoff, n):
    rows, cols = size
    if cols % 2:
        xvals = np.arange(-(cols - 1) / 2., ((cols - 1) / 2.) + 1) / float(cols - 1)
    else:
        xvals = np.arange(-cols / 2., cols / 2.) / float(cols)
    if rows % 2:
        yvals = np.arange(-(rows - 1) / 2., ((rows - 1) / 2.) + 1) / float(rows - 1)
    else:
        yvals = np.arange(-rows / 2., rows / 2.) / float(rows)
    x, y = np.meshgrid(xvals, yvals, sparse=True)
    radius = np.sqrt(x * x + y * y)
    return np.fft.ifftshift(1. / (1. + (radius / cutoff) ** (2. * n)))


def phasecong(img, nscale=5, norient=6, minWaveLength=3, mult=2.1, sigmaOnf=0.55, k=2., cutOff=0.5, g=10.):
    """phasepack.phasecong (noiseMethod -1), returning only the list PC."""
    if img.dtype not in ['float32', 'float64']:
        img = np.float64(img)
        imgdtype = 'float64'
    else:
        imgdtype = img.dtype
    rows, cols = img.shape
    epsilon = 1E-4
    IM = np.fft.fft2(img)
    PC = []
    zeromat = np.zeros((rows, cols), dtype=imgdtype)
    if cols % 2:
        xvals = np.arange(-(cols - 1) / 2., ((cols - 1) / 2.) + 1) / float(cols - 1)
    else:
        xvals = np.arange(-cols / 2., cols / 2.) / float(cols)
    if rows % 2:
        yvals = np.arange(-(rows - 1) / 2., ((rows - 1) / 2.) + 1) / float(rows - 1)
    else:
        yvals = np.arange(-rows / 2., rows / 2.) / float(rows)
    x, y = np.meshgrid(xvals, yvals, sparse=True)
    radius = np.sqrt(x * x + y * y)
    theta = np.arctan2(-y, x)
    radius = np.fft.ifftshift(radius)
    theta = np.fft.ifftshift(theta)
    radius[0, 0] = 1.
    sintheta = np.sin(theta)
    costheta = np.cos(theta)
    lp = lowpassfilter((rows, cols), .45, 15)
    logGaborDenom = 2. * np.log(sigmaOnf) ** 2.
    logGabor = []
    for ss in range(nscale):
        wavelength = minWaveLength * mult ** (ss)
        fo = 1. / wavelength
        logRadOverFo = np.log(radius / fo)
        tmp = np.exp(-(logRadOverFo * logRadOverFo) / logGaborDenom)
        tmp = tmp * lp
        tmp[0, 0] = 0.
        logGabor.append(tmp)
    for oo in range(norient):
        angl = oo * (np.pi / norient)
        ds = sintheta * np.cos(angl) - costheta * np.sin(angl)
        dc = costheta * np.cos(angl) + sintheta * np.sin(angl)
        dtheta = np.abs(np.arctan2(ds, dc))
        np.clip(dtheta * norient / 2., a_min=0, a_max=np.pi, out=dtheta)
        spread = (np.cos(dtheta) + 1.) / 2.
        sumE_ThisOrient = zeromat.copy()
        sumO_ThisOrient = zeromat.copy()
        sumAn_ThisOrient = zeromat.copy()
        Energy = zeromat.copy()
        EOscale = []
        for ss in range(nscale):
            filt = logGabor[ss] * spread
            thisEO = np.fft.ifft2(IM * filt)
            An = np.abs(thisEO)
            sumAn_ThisOrient += An
            sumE_ThisOrient += np.real(thisEO)
            sumO_ThisOrient += np.imag(thisEO)
            if ss == 0:
                tau = np.median(sumAn_ThisOrient.ravel()) / np.sqrt(np.log(4))
                maxAn = An
            else:
                maxAn = np.maximum(maxAn, An)
            EOscale.append(thisEO)
        XEnergy = np.sqrt(sumE_ThisOrient * sumE_ThisOrient + sumO_ThisOrient * sumO_ThisOrient) + epsilon
        MeanE = sumE_ThisOrient / XEnergy
        MeanO = sumO_ThisOrient / XEnergy
        for ss in range(nscale):
            E = np.real(EOscale[ss])
            O = np.imag(EOscale[ss])
            Energy += E * MeanE + O * MeanO - np.abs(E * MeanO - O * MeanE)
        totalTau = tau * (1. - (1. / mult) ** nscale) / (1. - (1. / mult))
        EstNoiseEnergyMean = totalTau * np.sqrt(np.pi / 2.)
        EstNoiseEnergySigma = totalTau * np.sqrt((4 - np.pi) / 2.)
        T = np.maximum(EstNoiseEnergyMean + k * EstNoiseEnergySigma, epsilon)
        Energy = np.maximum(Energy - T, 0)
        width = (sumAn_ThisOrient / (maxAn + epsilon) - 1.) / (nscale - 1)
        weight = 1. / (1. + np.exp(g * (cutOff - width)))
        thisPC = weight * Energy / sumAn_ThisOrient
        PC.append(thisPC)
    return PC


def paper_psnr(org_img, pred_img, max_p=4095):
    org_img = org_img.astype(np.float32)
    mse_bands = np.mean(np.square(org_img - pred_img), axis=(0, 1))
    mse = np.mean(mse_bands)
    return 20 * np.log10(max_p / np.sqrt(mse))


def _similarity_measure(x, y, constant):
    numerator = 2 * np.multiply(x, y) + constant
    denominator = np.add(np.square(x), np.square(y)) + constant
    return np.divide(numerator, denominator)


def _gradient_magnitude(img, img_depth):
    scharrx = cv2.Scharr(img, img_depth, 1, 0)
    scharry = cv2.Scharr(img, img_depth, 0, 1)
    return np.sqrt(scharrx ** 2 + scharry ** 2)


def paper_fsim(org_img, pred_img, T1=0.85, T2=160):
    alpha = beta = 1
    fsim_list = []
    for i in range(org_img.shape[2]):
        pc1_2dim = phasecong(org_img[:, :, i], nscale=4, minWaveLength=6, mult=2, sigmaOnf=0.5978)
        pc2_2dim = phasecong(pred_img[:, :, i], nscale=4, minWaveLength=6, mult=2, sigmaOnf=0.5978)
        pc1_2dim_sum = np.zeros((org_img.shape[0], org_img.shape[1]), dtype=np.float64)
        pc2_2dim_sum = np.zeros((pred_img.shape[0], pred_img.shape[1]), dtype=np.float64)
        for orientation in range(6):
            pc1_2dim_sum += pc1_2dim[orientation]
            pc2_2dim_sum += pc2_2dim[orientation]
        gm1 = _gradient_magnitude(org_img[:, :, i], cv2.CV_16U)
        gm2 = _gradient_magnitude(pred_img[:, :, i], cv2.CV_16U)
        S_pc = _similarity_measure(pc1_2dim_sum, pc2_2dim_sum, T1)
        S_g = _similarity_measure(gm1, gm2, T2)
        S_l = (S_pc ** alpha) * (S_g ** beta)
        numerator = np.sum(S_l * np.maximum(pc1_2dim_sum, pc2_2dim_sum))
        denominator = np.sum(np.maximum(pc1_2dim_sum, pc2_2dim_sum))
        fsim_list.append(numerator / denominator)
    return np.mean(fsim_list)


def paper_ssim(org_img, pred_img, max_p=4095):
    return structural_similarity(org_img, pred_img, data_range=max_p, channel_axis=2)


def sliding_window(image, stepSize, windowSize):
    for y in range(0, image.shape[0], stepSize):
        for x in range(0, image.shape[1], stepSize):
            yield (x, y, image[y:y + windowSize[1], x:x + windowSize[0]])


def paper_uiq(org_img, pred_img, step_size=1, window_size=8):
    org_img = org_img.astype(np.float32)
    pred_img = pred_img.astype(np.float32)
    q_all = []
    for (x, y, window_org), (x, y, window_pred) in zip(
            sliding_window(org_img, stepSize=step_size, windowSize=(window_size, window_size)),
            sliding_window(pred_img, stepSize=step_size, windowSize=(window_size, window_size))):
        if window_org.shape[0] != window_size or window_org.shape[1] != window_size:
            continue
        org_band = window_org.transpose(2, 0, 1).reshape(-1, window_size ** 2)
        pred_band = window_pred.transpose(2, 0, 1).reshape(-1, window_size ** 2)
        org_band_mean = np.mean(org_band, axis=1, keepdims=True)
        pred_band_mean = np.mean(pred_band, axis=1, keepdims=True)
        org_band_variance = np.var(org_band, axis=1, keepdims=True)
        pred_band_variance = np.var(pred_band, axis=1, keepdims=True)
        org_pred_band_variance = np.mean((org_band - org_band_mean) * (pred_band - pred_band_mean), axis=1,
                                         keepdims=True)
        numerator = 4 * org_pred_band_variance * org_band_mean * pred_band_mean
        denominator = (org_band_variance + pred_band_variance) * (org_band_mean ** 2 + pred_band_mean ** 2)
        q = np.nan_to_num(numerator / denominator)
        q_all.extend(q.tolist())
    return np.mean(q_all)


def paper_sam(org_img, pred_img, convert_to_degree=True):
    numerator = np.sum(np.multiply(pred_img, org_img), axis=-1)
    denominator = np.linalg.norm(org_img, axis=-1) * np.linalg.norm(pred_img, axis=-1)
    val = np.clip(numerator / denominator, -1, 1)
    sam_angles = np.arccos(val)
    if convert_to_degree:
        sam_angles = np.rad2deg(sam_angles)
    return np.nan_to_num(np.mean(sam_angles))


def paper_sre(org_img, pred_img):
    org_img = org_img.astype(np.float32)
    sre_final = []
    for i in range(org_img.shape[2]):
        numerator = np.square(np.mean(org_img[:, :, i]))
        denominator = (np.linalg.norm(org_img[:, :, i] - pred_img[:, :, i])) / (org_img.shape[0] * org_img.shape[1])
        sre_final.append(numerator / denominator)
    return 10 * np.log10(np.mean(sre_final))


# ---------------------------------------------------------------- standard mode: textbook definitions

def std_psnr(a, b):
    return peak_signal_noise_ratio(a, b, data_range=255)


def std_ssim(a, b):
    return structural_similarity(a, b, data_range=255, channel_axis=2, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False)


def std_sam(a, b):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    na = np.linalg.norm(a, axis=-1)
    nb = np.linalg.norm(b, axis=-1)
    both = (na == 0) & (nb == 0)
    ok = (na > 0) & (nb > 0)
    ang = np.degrees(np.arccos(np.clip(np.sum(a * b, axis=-1)[ok] / (na[ok] * nb[ok]), -1, 1)))
    return (ang.sum() + 0.0 * both.sum()) / (ok.sum() + both.sum())


def std_sre(a, b):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    vals = []
    for c in range(3):
        mse = np.mean((a[:, :, c] - b[:, :, c]) ** 2)
        vals.append(10 * np.log10(np.mean(a[:, :, c]) ** 2 / mse))
    return np.mean(vals)


def std_uiq(a, b, n=8):
    qs = []
    for c in range(3):
        x = a[:, :, c].astype(np.float64)
        y = b[:, :, c].astype(np.float64)
        H, W = x.shape
        for r in range(H - n + 1):
            for s in range(W - n + 1):
                wx = x[r:r + n, s:s + n]
                wy = y[r:r + n, s:s + n]
                mx, my = wx.mean(), wy.mean()
                vx, vy = wx.var(), wy.var()
                cxy = np.mean((wx - mx) * (wy - my))
                d1 = vx + vy
                d2 = mx * mx + my * my
                if d1 * d2 != 0:
                    qs.append(4 * cxy * mx * my / (d1 * d2))
                elif d1 == 0 and d2 != 0:
                    qs.append(2 * mx * my / d2)
                else:
                    qs.append(1.0)
    return np.mean(qs)


def phasecong2(im):
    nscale, norient, minWaveLength, mult, sigmaOnf, dThetaOnSigma, k, epsilon = 4, 4, 6, 2, 0.55, 1.2, 2.0, .0001
    thetaSigma = math.pi / norient / dThetaOnSigma
    rows, cols = im.shape
    imagefft = np.fft.fft2(im)
    if cols % 2:
        xr = np.arange(-(cols - 1) / 2, (cols - 1) / 2 + 1) / (cols - 1)
    else:
        xr = np.arange(-cols / 2, cols / 2) / cols
    if rows % 2:
        yr = np.arange(-(rows - 1) / 2, (rows - 1) / 2 + 1) / (rows - 1)
    else:
        yr = np.arange(-rows / 2, rows / 2) / rows
    x, y = np.meshgrid(xr, yr)
    radius = np.sqrt(x ** 2 + y ** 2)
    theta = np.arctan2(-y, x)
    radius = np.fft.ifftshift(radius)
    theta = np.fft.ifftshift(theta)
    radius[0, 0] = 1
    sintheta, costheta = np.sin(theta), np.cos(theta)
    lp = lowpassfilter((rows, cols), .45, 15)
    logGabor = []
    for s in range(nscale):
        fo = 1.0 / (minWaveLength * mult ** s)
        lg = np.exp(-(np.log(radius / fo)) ** 2 / (2 * math.log(sigmaOnf) ** 2)) * lp
        lg[0, 0] = 0
        logGabor.append(lg)
    EnergyAll = np.zeros((rows, cols))
    AnAll = np.zeros((rows, cols))
    for o in range(norient):
        angl = o * math.pi / norient
        ds = sintheta * math.cos(angl) - costheta * math.sin(angl)
        dc = costheta * math.cos(angl) + sintheta * math.sin(angl)
        dtheta = np.abs(np.arctan2(ds, dc))
        spread = np.exp(-dtheta ** 2 / (2 * thetaSigma ** 2))
        sumE = np.zeros((rows, cols))
        sumO = np.zeros((rows, cols))
        sumAn = np.zeros((rows, cols))
        Energy = np.zeros((rows, cols))
        EO = []
        ifftFilt = []
        for s in range(nscale):
            filt = logGabor[s] * spread
            ifftFilt.append(np.real(np.fft.ifft2(filt)) * math.sqrt(rows * cols))
            eo = np.fft.ifft2(imagefft * filt)
            EO.append(eo)
            An = np.abs(eo)
            sumAn += An
            sumE += eo.real
            sumO += eo.imag
            if s == 0:
                EM_n = np.sum(filt ** 2)
        XEnergy = np.sqrt(sumE ** 2 + sumO ** 2) + epsilon
        MeanE = sumE / XEnergy
        MeanO = sumO / XEnergy
        for s in range(nscale):
            E, O = EO[s].real, EO[s].imag
            Energy = Energy + E * MeanE + O * MeanO - np.abs(E * MeanO - O * MeanE)
        medianE2n = np.median(np.abs(EO[0]) ** 2)
        meanE2n = -medianE2n / math.log(0.5)
        noisePower = meanE2n / EM_n
        EstSumAn2 = sum(f ** 2 for f in ifftFilt)
        EstSumAiAj = np.zeros((rows, cols))
        for si in range(nscale - 1):
            for sj in range(si + 1, nscale):
                EstSumAiAj += ifftFilt[si] * ifftFilt[sj]
        EstNoiseEnergy2 = 2 * noisePower * np.sum(EstSumAn2) + 4 * noisePower * np.sum(EstSumAiAj)
        tau = math.sqrt(EstNoiseEnergy2 / 2)
        EstNoiseEnergy = tau * math.sqrt(math.pi / 2)
        EstNoiseEnergySigma = math.sqrt((2 - math.pi / 2) * tau ** 2)
        T = (EstNoiseEnergy + k * EstNoiseEnergySigma) / 1.7
        EnergyAll += np.maximum(Energy - T, 0)
        AnAll += sumAn
    return EnergyAll / AnAll


def std_fsim(a, b):
    def luma(img):
        img = img.astype(np.float64)
        return 0.299 * img[:, :, 0] + 0.587 * img[:, :, 1] + 0.114 * img[:, :, 2]
    Y1, Y2 = luma(a), luma(b)
    rows, cols = Y1.shape
    F = max(1, int(math.floor(min(rows, cols) / 256 + 0.5)))
    if F > 1:
        # MATLAB's conv2(Y, ones(F)/F^2, 'same') keeps the full convolution from index floor(F/2) (scipy's 'same'
        # starts at (F-1)//2, which differs for even F), then every F-th pixel.
        k = np.ones((F, F)) / F ** 2
        o = F // 2
        Y1 = convolve2d(Y1, k, mode='full')[o:o + rows, o:o + cols][::F, ::F]
        Y2 = convolve2d(Y2, k, mode='full')[o:o + rows, o:o + cols][::F, ::F]
    pc1, pc2 = phasecong2(Y1), phasecong2(Y2)
    dx = np.array([[3, 0, -3], [10, 0, -10], [3, 0, -3]]) / 16
    dy = np.array([[3, 10, 3], [0, 0, 0], [-3, -10, -3]]) / 16
    g1 = np.sqrt(convolve2d(Y1, dx, mode='same') ** 2 + convolve2d(Y1, dy, mode='same') ** 2)
    g2 = np.sqrt(convolve2d(Y2, dx, mode='same') ** 2 + convolve2d(Y2, dy, mode='same') ** 2)
    spc = (2 * pc1 * pc2 + 0.85) / (pc1 ** 2 + pc2 ** 2 + 0.85)
    sg = (2 * g1 * g2 + 160) / (g1 ** 2 + g2 ** 2 + 160)
    pcm = np.maximum(pc1, pc2)
    return np.sum(sg * spc * pcm) / np.sum(pcm)


PAPER = [('psnr', paper_psnr), ('ssim', paper_ssim), ('sam', paper_sam), ('sre', paper_sre), ('uiq', paper_uiq),
         ('fsim', paper_fsim)]
STANDARD = [('psnr', std_psnr), ('ssim', std_ssim), ('sam', std_sam), ('sre', std_sre), ('uiq', std_uiq),
            ('fsim', std_fsim)]

if __name__ == '__main__':
    sizes = [(48, 40, 1), (33, 27, 2), (64, 64, 3), (256, 256, 1)]
    if len(sys.argv) > 1:
        sizes = [tuple(int(v) for v in arg.split('x')) for arg in sys.argv[1:]]
    with np.errstate(all='ignore'):
        for w, h, seed in sizes:
            a, b = make_pair(w, h, seed)
            for mode, fns in (('standard', STANDARD), ('paper', PAPER)):
                print(f"{w}x{h} seed {seed} {mode}: " + ", ".join(f"{n} {repr(float(f(a, b)))}" for n, f in fns))
        if len(sys.argv) == 1:
            a, b = make_pair(390, 384, 6)
            print('390x384 seed 6 standard fsim (down-sampled by 2):', repr(float(std_fsim(a, b))))
        orig = (np.arange(16 * 16 * 3).reshape(16, 16, 3) % 256).astype(np.uint8)
        print('package test: sam(arange % 256) =', repr(float(paper_sam(orig, orig))))
        zeros = np.zeros((16, 16, 3), np.uint8)
        print('package test: zeros fsim, sre, uiq =', paper_fsim(zeros, zeros), paper_sre(zeros, zeros),
              paper_uiq(zeros, zeros))
