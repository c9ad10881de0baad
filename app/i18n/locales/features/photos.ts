/**
 * Texts of evidence photos: the photo field, its upload with retry, and the
 * refusals of a bad upload (`fieldErrors.photos`, made by
 * ~/utils/multipart.server). A route with a photo field adds
 * `handle = { i18n: ["photos"] }`. zh-CN first; `en` is typed against it.
 */
import type { DeepStrings } from "./types";

export const zhCN = {
  field: {
    label: "照片",
    add: "拍照或选择照片",
    hint: "最多 {{max}} 张，每张不超过 10 MB（JPEG、PNG、WebP、HEIC）。",
    count: "已选 {{count}} / {{max}} 张",
    remove: "移除",
    removeLabel: "移除第 {{n}} 张照片",
    preview: "第 {{n}} 张照片预览",
    overMax: "最多只能添加 {{max}} 张照片，多出的未添加。",
  },
  submit: {
    shrinking: "正在压缩照片…",
    sending: "正在上传…",
    network: "网络连接失败，照片和填写的内容都已保留。请在信号较好时重试。",
    retry: "重试上传",
  },
  errors: {
    notImage: "第 {{n}} 个文件不是图片（仅支持 JPEG、PNG、WebP、HEIC），请重新选择。",
    tooBig: "第 {{n}} 张照片超过 {{max}} MB，请压缩后重新上传。",
    tooMany: "一次最多上传 {{max}} 张照片。",
    tooManyPixels: "第 {{n}} 张照片尺寸过大，无法处理，请缩小后重新上传。",
    badName: "第 {{n}} 个文件的名称无效（不能包含路径或控制字符），请重新选择文件。",
  },
};

export const en: DeepStrings<typeof zhCN> = {
  field: {
    label: "Photos",
    add: "Take or choose photos",
    hint: "Up to {{max}}, each at most 10 MB (JPEG, PNG, WebP, HEIC).",
    count: "{{count}} of {{max}} chosen",
    remove: "Remove",
    removeLabel: "Remove photo {{n}}",
    preview: "Preview of photo {{n}}",
    overMax: "At most {{max}} photos; the extra ones were not added.",
  },
  submit: {
    shrinking: "Shrinking the photos…",
    sending: "Uploading…",
    network: "The connection failed. Your photos and everything you typed are kept: retry when the signal is better.",
    retry: "Retry upload",
  },
  errors: {
    notImage: "File {{n}} is not an image (JPEG, PNG, WebP or HEIC only). Please choose another.",
    tooBig: "Photo {{n}} is larger than {{max}} MB. Please shrink it and upload again.",
    tooMany: "At most {{max}} photos in one upload.",
    tooManyPixels: "Photo {{n}} has too many pixels to process. Please shrink it and upload again.",
    badName: "File {{n}} has an invalid name (no folders or control characters). Please choose the file again.",
  },
};
