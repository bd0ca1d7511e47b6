// chibo serve: the forms of "Nhập liệu". Everything is built from
// /__chibo/api/schema (the same table the loader checks against) and saved
// through the API, which checks with the loader and answers in Vietnamese.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="chibo-token"]').content;
  var main = document.getElementById("nhap");
  var schema = null;
  var uid = 0;

  // A call of the API; `extra` adds headers (the If-Match of a save).
  function api(method, path, body, type, extra) {
    var opts = { method: method, headers: { "X-Chibo-Token": token } };
    Object.keys(extra || {}).forEach(function (k) { opts.headers[k] = extra[k]; });
    if (body !== undefined) {
      opts.headers["Content-Type"] = type || "application/json";
      opts.body = type ? body : JSON.stringify(body);
    }
    return fetch("/__chibo/api/" + path, opts).then(function (r) {
      return r.text().then(function (t) {
        var data = null;
        try { data = t ? JSON.parse(t) : null; } catch (e) { data = { message: t }; }
        return { status: r.status, data: data };
      });
    });
  }

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "on") Object.keys(attrs.on).forEach(function (ev) { e.addEventListener(ev, attrs.on[ev]); });
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function nextId() { uid += 1; return "f" + uid; }

  // Labels of the kinds table are written for sentences: "số đảng viên".
  function cap(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }

  // A labelled field: the wrapper carries data-field for error messages.
  function field(key, label, input, help, required) {
    label = cap(label);
    var id = input.id || nextId();
    input.id = id;
    var kids = [el("label", { for: id, text: label + (required ? " *" : "") })];
    if (help) {
      var hid = id + "-goi-y";
      kids.push(el("small", { id: hid, class: "goi-y", text: help }));
      input.setAttribute("aria-describedby", hid);
    }
    kids.push(input);
    return el("div", { class: "o", "data-field": key }, kids);
  }

  function input(type, attrs) {
    attrs = attrs || {};
    attrs.type = type;
    return el("input", attrs);
  }

  function select(values, empty, current) {
    var s = el("select");
    if (empty !== null) s.appendChild(el("option", { value: "", text: empty }));
    values.forEach(function (v) {
      s.appendChild(el("option", { value: v.id, text: v.label, selected: v.id === current }));
    });
    return s;
  }

  function num(v) {
    if (v === "" || v === null || v === undefined) return undefined;
    var n = Number(String(v).replace(",", "."));
    return isNaN(n) ? String(v) : n;
  }

  function lines(t) {
    return t.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s; });
  }

  function fmtDate(d) {
    var p = String(d || "").slice(0, 10).split("-");
    return p.length === 3 ? p[2] + "-" + p[1] + "-" + p[0] : String(d || "");
  }

  // --- the list of entries --------------------------------------------

  function showList(message) {
    main.textContent = "";
    if (message) main.appendChild(el("p", { class: "bao", role: "status", text: message }));
    var add = el("div", { class: "them" }, [el("h2", { text: "Thêm mục nhật ký" })]);
    schema.kinds.forEach(function (k) {
      add.appendChild(el("button", { type: "button", "data-kind": k.id, text: "+ " + k.label, on: { click: function () { showEntry(k, null); } } }));
    });
    add.appendChild(el("h2", { text: "Đảng viên" }));
    add.appendChild(el("button", { type: "button", id: "so-dang-vien", text: "Sổ đảng viên", on: { click: function () {
      window.chiboDv({ el: el, field: field, input: input, select: select, api: api, fmtDate: fmtDate, showErrors: showErrors, today: function () { return schema.today; } }).show(main, function () { showList(); });
    } } }));
    add.appendChild(el("h2", { text: "Bài viết" }));
    add.appendChild(el("button", { type: "button", id: "bai-moi", text: "+ Viết bài mới", on: { click: function () { showArticle(null); } } }));
    main.appendChild(add);
    var box = el("section", { class: "danh-sach", "aria-labelledby": "ds" }, [el("h2", { id: "ds", text: "Các mục đã ghi" })]);
    main.appendChild(box);
    var arts = el("section", { class: "danh-sach", "aria-labelledby": "dsb" }, [el("h2", { id: "dsb", text: "Các bài viết" })]);
    main.appendChild(arts);
    api("GET", "articles").then(function (r) {
      if (r.status !== 200) { arts.appendChild(el("p", { role: "alert", text: "Không tải được danh sách bài: " + r.status })); return; }
      var ul = el("ul", { class: "thang bai-viet" });
      r.data.forEach(function (a) {
        var li = el("li", {}, [
          el("span", { class: "ngay", text: fmtDate(a.date) }),
          el("span", { class: "tieu-de", text: a.title + (a.draft ? " (nháp)" : "") }),
          a.problems.length ? el("span", { class: "loi", text: "✗ " + a.problems.length + " lỗi" }) : el("span", { class: "tot", "aria-label": "không có lỗi", text: "✓" }),
          el("button", { type: "button", class: "sua", text: "Sửa", "aria-label": "Sửa bài " + a.title, on: { click: function () { editArticle(a.file); } } })
        ]);
        a.problems.forEach(function (p) { li.appendChild(el("div", { class: "loi", text: a.file + ": " + p })); });
        li.appendChild(el("small", { class: "tep", text: a.file }));
        ul.appendChild(li);
      });
      arts.appendChild(el("p", { text: r.data.length + " bài." }));
      arts.appendChild(ul);
    });
    api("GET", "entries").then(function (r) {
      if (r.status !== 200) { box.appendChild(el("p", { role: "alert", text: "Không tải được danh sách: " + r.status })); return; }
      var months = {};
      var order = [];
      r.data.forEach(function (e) {
        var m = String(e.date).slice(0, 7) || "(không rõ ngày)";
        if (!months[m]) { months[m] = []; order.push(m); }
        months[m].push(e);
      });
      order.reverse();
      box.appendChild(el("p", { text: r.data.length + " mục." }));
      order.forEach(function (m) {
        var p = m.split("-");
        var rows = el("ul", { class: "thang" });
        months[m].forEach(function (e) { rows.appendChild(row(e)); });
        box.appendChild(el("h3", { text: p.length === 2 ? "Tháng " + p[1] + "/" + p[0] : m }));
        box.appendChild(rows);
      });
    });
  }

  function row(e) {
    var errors = e.problems.filter(function (p) { return !p.warning; });
    var state = errors.length ? el("span", { class: "loi", text: "✗ " + errors.length + " lỗi" }) : el("span", { class: "tot", "aria-label": "không có lỗi", text: "✓" });
    var kids = [
      el("span", { class: "ngay", text: fmtDate(e.date) + (String(e.date).length > 10 ? " " + String(e.date).slice(11) : "") }),
      el("span", { class: "loai", text: e.kind_label || e.kind }),
      el("span", { class: "tieu-de", text: e.title || "" }),
      state
    ];
    var kind = schema.kinds.filter(function (k) { return k.id === e.kind; })[0];
    if (e.editable && kind) {
      kids.push(el("button", { type: "button", class: "sua", text: "Sửa", "aria-label": "Sửa mục " + (e.kind_label || "") + " ngày " + fmtDate(e.date), on: { click: function () { showEntry(kind, e); } } }));
      if (kind.meeting) kids.push(el("button", { type: "button", class: "giay", text: "Biên bản, nghị quyết", "aria-label": "Tạo biên bản, nghị quyết buổi họp ngày " + fmtDate(e.date), on: { click: function () { hop().showPapers(main, e, function () { showList(); }); } } }));
      kids.push(el("button", { type: "button", class: "xoa", text: "Xóa", "aria-label": "Xóa mục " + (e.kind_label || "") + " ngày " + fmtDate(e.date), on: { click: function () { remove(e); } } }));
    }
    var li = el("li", {}, kids);
    e.problems.forEach(function (p) {
      li.appendChild(el("div", { class: p.warning ? "canh-bao" : "loi", text: e.file + ":" + p.line + ": " + p.message }));
    });
    li.appendChild(el("small", { class: "tep", text: e.file + " (dòng " + e.lines[0] + "–" + e.lines[1] + ")" }));
    return li;
  }

  function remove(e) {
    if (!window.confirm("Xóa mục " + (e.kind_label || e.kind) + " ngày " + fmtDate(e.date) + " khỏi " + e.file + "?")) return;
    var q = "activity?file=" + encodeURIComponent(e.file) + "&line=" + e.line;
    fetch("/__chibo/api/" + q, { method: "DELETE", headers: { "X-Chibo-Token": token, "If-Match": e.hash } }).then(function (r) {
      return r.text().then(function (t) {
        if (r.status === 200) showList("Đã xóa mục ở " + e.file + ".");
        else { var d = {}; try { d = JSON.parse(t); } catch (x) { d = { message: t }; } showList("Chưa xóa được: " + (d.message || (d[0] && d[0].message) || r.status)); }
      });
    });
  }

  // --- the form of one kind --------------------------------------------

  // The meeting papers' part (nhap-hop.js), given the helpers here.
  var hopParts = null;
  function hop() {
    if (!hopParts) {
      hopParts = window.chiboHop({ el: el, field: field, input: input, select: select, num: num, cap: cap, api: api,
        token: token, nextId: nextId, fmtDate: fmtDate, builders: builders });
    }
    return hopParts;
  }

  // Each builder returns { node, get(), set(value) }.
  var builders = {
    attendance: function (f) {
      var names = ["total", "exempt", "present", "excused"];
      var labels = ["Tổng số đảng viên", "Số được miễn sinh hoạt", "Số có mặt", "Số vắng có lý do"];
      var inputs = {};
      var rule = el("p", { class: "quy-tac", role: "status" });
      var box = el("fieldset", { class: "nhom" }, [el("legend", { text: cap(f.label) + (f.required ? " *" : "") })]);
      names.forEach(function (n, i) {
        inputs[n] = input("number", { min: 0, step: 1, inputmode: "numeric", name: n });
        inputs[n].addEventListener("input", check);
        box.appendChild(field("attendance", labels[i], inputs[n]));
      });
      box.appendChild(rule);
      function check() {
        var t = num(inputs.total.value) || 0, x = num(inputs.exempt.value) || 0;
        var p = num(inputs.present.value) || 0, v = num(inputs.excused.value) || 0;
        var most = t - x;
        if (p + v > most) { rule.textContent = "Số có mặt cộng số vắng có lý do (" + (p + v) + ") không được quá tổng số trừ số được miễn (" + most + ")."; rule.className = "quy-tac sai"; }
        else { rule.textContent = inputs.total.value ? "Phải tham dự: " + most + " đồng chí; có mặt " + p + (most > 0 ? " (" + String(Math.round(p * 1000 / most) / 10).replace(".", ",") + "%)" : "") + "." : ""; rule.className = "quy-tac"; }
      }
      return {
        node: box,
        get: function () {
          var o = {}; var any = false;
          names.forEach(function (n) { var v = num(inputs[n].value); if (v !== undefined) { o[n] = v; any = true; } });
          return any ? o : undefined;
        },
        set: function (v) { if (v && typeof v === "object") names.forEach(function (n) { if (v[n] !== undefined) inputs[n].value = v[n]; }); check(); }
      };
    },
    text: function (f) {
      var i = input("text", { name: f.key });
      return { node: field(f.key, f.label, i, null, f.required), get: function () { return i.value; }, set: function (v) { i.value = v === undefined || v === null ? "" : v; } };
    },
    long_text: function (f) {
      var t = el("textarea", { rows: 3, name: f.key });
      return { node: field(f.key, f.label, t, null, f.required), get: function () { return t.value; }, set: function (v) { t.value = v || ""; } };
    },
    text_list: function (f) {
      var t = el("textarea", { rows: 3, name: f.key });
      return { node: field(f.key, f.label, t, "Mỗi dòng một mục.", f.required), get: function () { return lines(t.value); }, set: function (v) { t.value = Array.isArray(v) ? v.join("\n") : (v || ""); } };
    },
    names: function (f) {
      var t = el("textarea", { rows: 3, name: f.key });
      return { node: field(f.key, f.label, t, "Mỗi dòng một họ tên. Họ tên không được đăng lên trang.", f.required), get: function () { return lines(t.value); }, set: function (v) { t.value = Array.isArray(v) ? v.join("\n") : (v || ""); } };
    },
    people: function (f) {
      var n = input("number", { min: 0, step: 1, inputmode: "numeric", name: f.key });
      var t = el("textarea", { rows: 2 });
      var box = el("fieldset", { class: "nhom" }, [el("legend", { text: cap(f.label) + (f.required ? " *" : "") }),
        field(f.key, "Số người", n), field(f.key, "Hoặc danh sách họ tên (mỗi dòng một người; không đăng lên trang)", t)]);
      return {
        node: box,
        get: function () { var names = lines(t.value); return names.length ? names : num(n.value); },
        set: function (v) { if (Array.isArray(v)) t.value = v.join("\n"); else if (v !== undefined && v !== null) n.value = v; }
      };
    },
    percent: function (f) {
      var i = input("number", { min: 0, max: 100, step: "any", inputmode: "decimal", name: f.key });
      return { node: field(f.key, f.label, i, null, f.required), get: function () { return num(i.value); }, set: function (v) { if (v !== undefined) i.value = v; } };
    },
    year: function (f) {
      var i = input("number", { min: 1930, max: 2200, step: 1, inputmode: "numeric", name: f.key });
      return { node: field(f.key, f.label, i, null, f.required), get: function () { return num(i.value); }, set: function (v) { if (v !== undefined) i.value = v; } };
    },
    rating: function (f) {
      var s = select(f.values, "— chưa xếp loại —");
      var score = input("number", { min: 0, max: 100, step: "any", inputmode: "decimal" });
      var box = el("fieldset", { class: "nhom" }, [el("legend", { text: cap(f.label) }), field(f.key, "Mức", s), field(f.key, "Điểm (0–100, không bắt buộc)", score)]);
      return {
        node: box,
        get: function () { if (!s.value) return undefined; var sc = num(score.value); return sc === undefined ? s.value : { level: s.value, score: sc }; },
        set: function (v) { if (typeof v === "string") s.value = v; else if (v && typeof v === "object") { s.value = v.level || ""; if (v.score !== undefined) score.value = v.score; } }
      };
    },
    discipline: function (f) {
      var s = select(f.values, "— không có —");
      return { node: field(f.key, f.label, s, null, f.required), get: function () { return s.value || undefined; }, set: function (v) { s.value = v || ""; } };
    },
    cell_level: function (f) {
      var s = select(f.values, "— chọn —");
      return { node: field(f.key, f.label, s, null, f.required), get: function () { return s.value || undefined; }, set: function (v) { s.value = v || ""; } };
    },
    level_counts: function (f) {
      var inputs = {};
      var box = el("fieldset", { class: "nhom" }, [el("legend", { text: cap(f.label) })]);
      f.values.forEach(function (v) {
        inputs[v.id] = input("number", { min: 0, step: 1, inputmode: "numeric" });
        box.appendChild(field(f.key, v.label, inputs[v.id]));
      });
      return {
        node: box,
        get: function () { var o = {}; var any = false; Object.keys(inputs).forEach(function (k) { var v = num(inputs[k].value); if (v !== undefined) { o[k] = v; any = true; } }); return any ? o : undefined; },
        set: function (v) { if (v && typeof v === "object") Object.keys(inputs).forEach(function (k) { if (v[k] !== undefined) inputs[k].value = v[k]; }); }
      };
    }
  };

  function documentsPicker() {
    var search = input("search", { placeholder: "Tìm theo số hoặc trích yếu…", "aria-label": "Tìm văn bản" });
    var list = el("div", { class: "van-ban", role: "group", "aria-label": "Văn bản" });
    var boxes = {};
    schema.documents.forEach(function (d) {
      var id = nextId();
      boxes[d.id] = input("checkbox", { id: id, value: d.id });
      list.appendChild(el("div", { class: "chon", "data-text": (d.id + " " + d.label).toLowerCase() }, [boxes[d.id], el("label", { for: id, text: d.label })]));
    });
    search.addEventListener("input", function () {
      var q = search.value.toLowerCase().trim();
      Array.prototype.forEach.call(list.children, function (c) { c.hidden = q && c.getAttribute("data-text").indexOf(q) < 0 && !c.firstChild.checked; });
    });
    var box = el("fieldset", { class: "nhom", "data-field": "documents" }, [el("legend", { text: "Văn bản liên quan" }), search, list]);
    if (!schema.documents.length) box.appendChild(el("p", { text: "content/documents.yaml chưa có văn bản nào." }));
    return {
      node: box,
      get: function () { return Object.keys(boxes).filter(function (k) { return boxes[k].checked; }); },
      set: function (v) { (v || []).forEach(function (k) { if (boxes[k]) boxes[k].checked = true; }); }
    };
  }

  function photosPicker(dateOf) {
    var rows = el("div", { class: "anh" });
    var items = [];
    function add(v) {
      var src = select(schema.photos.map(function (p) { return { id: p, label: p }; }), "— chọn ảnh đã có —", v && v.src);
      if (v && v.src && schema.photos.indexOf(v.src) < 0) src.appendChild(el("option", { value: v.src, text: v.src, selected: true }));
      var file = input("file", { accept: "image/jpeg,image/png,image/webp" });
      var cap = input("text", { value: (v && v.caption) || "" });
      var status = el("small", { role: "status" });
      file.addEventListener("change", function () {
        var f = file.files[0];
        if (!f) return;
        status.textContent = "Đang tải ảnh lên…";
        api("POST", "photo?date=" + encodeURIComponent(dateOf()) + "&caption=" + encodeURIComponent(cap.value), f, f.type || "application/octet-stream").then(function (r) {
          if (r.status === 201) {
            src.appendChild(el("option", { value: r.data.src, text: r.data.src, selected: true }));
            src.value = r.data.src;
            status.textContent = "Đã lưu ảnh " + r.data.src;
          } else status.textContent = "Không nhận ảnh: " + ((r.data && r.data[0] && r.data[0].message) || r.data.message || r.status);
        });
      });
      var item = { src: src, cap: cap };
      var line = el("div", { class: "dong-anh" }, [field("photos", "Ảnh", src), field("photos", "Hoặc tải ảnh lên", file), status, field("photos", "Chú thích ảnh", cap),
        el("button", { type: "button", text: "Bỏ ảnh này", on: { click: function () { rows.removeChild(line); items.splice(items.indexOf(item), 1); } } })]);
      items.push(item);
      rows.appendChild(line);
    }
    var box = el("fieldset", { class: "nhom", "data-field": "photos" }, [el("legend", { text: "Ảnh" }), rows,
      el("button", { type: "button", text: "+ Thêm ảnh", on: { click: function () { add(null); } } })]);
    return {
      node: box,
      get: function () { return items.filter(function (i) { return i.src.value; }).map(function (i) { return { src: i.src.value, caption: i.cap.value }; }); },
      set: function (v) { (v || []).forEach(add); }
    };
  }

  function newsBlock() {
    var on = input("checkbox", { id: nextId() });
    var title = input("text");
    var cat = select(schema.categories.map(function (c) { return { id: c.key, label: c.name }; }), null);
    var author = input("text");
    var tags = input("text", { list: "the-co-san" });
    var body = el("textarea", { rows: 8 });
    var inner = el("div", { class: "tin", hidden: true }, [field("news", "Tiêu đề tin *", title), field("news", "Chuyên mục", cat),
      field("news", "Tác giả", author), field("news", "Thẻ", tags, "Cách nhau bằng dấu phẩy."), field("news", "Nội dung tin (Markdown)", body, "Đoạn mở đầu được viết tự động từ số liệu của mục.")]);
    on.addEventListener("change", function () { inner.hidden = !on.checked; });
    var box = el("fieldset", { class: "nhom", "data-field": "news" }, [el("legend", { text: "Đăng thành tin" }),
      el("div", { class: "chon" }, [on, el("label", { for: on.id, text: "Đăng hoạt động này thành một tin trên trang" })]), inner]);
    return {
      node: box,
      get: function () {
        if (!on.checked) return undefined;
        return { title: title.value, category: cat.value, author: author.value, tags: tags.value.split(",").map(function (t) { return t.trim(); }).filter(function (t) { return t; }), body: body.value };
      },
      set: function (v) {
        if (!v) return;
        on.checked = true; inner.hidden = false;
        title.value = v.title || ""; cat.value = v.category || cat.value; author.value = v.author || "";
        tags.value = (v.tags || []).join(", "); body.value = v.body || "";
      }
    };
  }

  function showErrors(form, errors) {
    Array.prototype.forEach.call(form.querySelectorAll(".bao-loi"), function (e) { e.parentNode.removeChild(e); });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (e) { e.removeAttribute("aria-invalid"); });
    var top = form.querySelector(".loi-chung");
    top.textContent = "";
    var first = null;
    errors.forEach(function (e) {
      var at = e.field ? form.querySelector('[data-field="' + e.field + '"]') : null;
      var msg = el("p", { class: "bao-loi", role: "alert", text: e.message });
      if (at) {
        at.appendChild(msg);
        var i = at.querySelector("input, select, textarea");
        if (i) { i.setAttribute("aria-invalid", "true"); if (!first) first = i; }
      } else top.appendChild(msg);
    });
    if (first) first.focus(); else if (errors.length) top.focus();
  }

  function showEntry(kind, existing) {
    main.textContent = "";
    var form = el("form", { class: "bieu-mau", novalidate: true });
    form.appendChild(el("h2", { text: (existing ? "Sửa: " : "Thêm: ") + kind.label }));
    form.appendChild(el("div", { class: "loi-chung", tabindex: "-1" }));
    var date = input("date", { required: true, value: schema.today });
    var time = input("time", { value: "" });
    var parts = {};
    form.appendChild(el("div", { class: "hang" }, [field("date", "Ngày", date, null, true), field("date", "Giờ (không bắt buộc)", time)]));
    parts.title = builders.text({ key: "title", label: "Tiêu đề (không bắt buộc)" });
    parts.place = builders.text({ key: "place", label: "Địa điểm" });
    parts.chair = builders.text({ key: "chair", label: "Người chủ trì" });
    [parts.title, parts.place, parts.chair].forEach(function (p) { form.appendChild(p.node); });
    kind.fields.forEach(function (f) {
      parts[f.key] = (builders[f.type] || builders.text)(f);
      form.appendChild(parts[f.key].node);
    });
    if (kind.meeting) {
      var papers = hop().section(schema.papers, kind, existing, function () { return date.value ? date.value + (time.value ? " " + time.value : "") : ""; });
      form.appendChild(papers.node);
      Object.keys(papers.parts).forEach(function (k) { parts[k] = papers.parts[k]; });
      date.addEventListener("change", papers.dateChanged);
    }
    parts.documents = documentsPicker();
    parts.note = builders.long_text({ key: "note", label: "Ghi chú" });
    parts.photos = photosPicker(function () { return date.value || schema.today; });
    parts.news = newsBlock();
    [parts.documents, parts.note, parts.photos, parts.news].forEach(function (p) { form.appendChild(p.node); });
    var save = el("button", { type: "submit", class: "luu", text: "Lưu" });
    form.appendChild(el("div", { class: "nut" }, [save, el("button", { type: "button", text: "Hủy", on: { click: function () { showList(); } } })]));
    if (existing) {
      var v = existing.entry || {};
      var d = String(v.date || "");
      date.value = d.slice(0, 10);
      time.value = d.length > 10 ? d.slice(11, 16) : "";
      Object.keys(parts).forEach(function (k) { if (v[k] !== undefined) parts[k].set(v[k]); });
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      // Keys the form does not show (a news block's slug) are kept as read.
      var v = existing ? JSON.parse(JSON.stringify(existing.entry || {})) : {};
      v.kind = kind.id;
      v.date = date.value + (time.value ? " " + time.value : "");
      Object.keys(parts).forEach(function (k) {
        var x = parts[k].get();
        if (x === undefined) delete v[k];
        else if (k === "news" && v.news && typeof v.news === "object") v[k] = Object.assign({}, v.news, x);
        else v[k] = x;
      });
      save.disabled = true;
      var req = existing
        ? fetch("/__chibo/api/activity?file=" + encodeURIComponent(existing.file) + "&line=" + existing.line, { method: "PUT", headers: { "X-Chibo-Token": token, "Content-Type": "application/json", "If-Match": existing.hash }, body: JSON.stringify(v) })
          .then(function (r) { return r.text().then(function (t) { var x = null; try { x = JSON.parse(t); } catch (e) { x = { message: t }; } return { status: r.status, data: x }; }); })
        : api("POST", "activity", v);
      req.then(function (r) {
        save.disabled = false;
        if (r.status === 201 || r.status === 200) showList("Đã lưu " + r.data.file + " (dòng " + r.data.lines[0] + "–" + r.data.lines[1] + ").");
        else if (r.status === 400) showErrors(form, r.data);
        else showErrors(form, [{ field: "", message: (r.data && r.data.message) || ("Lỗi " + r.status) }]);
      });
    });
    main.appendChild(form);
    date.focus();
  }

  // --- an article, new or edited ------------------------------------------

  function editArticle(file) {
    api("GET", "article?file=" + encodeURIComponent(file)).then(function (r) {
      if (r.status !== 200) { showList("Không mở được " + file + ": " + ((r.data && (r.data.message || (r.data[0] && r.data[0].message))) || r.status)); return; }
      showArticle(r.data);
    });
  }

  // `existing`: { file, hash, values } as the API gives an article.
  function showArticle(existing) {
    main.textContent = "";
    var form = el("form", { class: "bieu-mau", novalidate: true });
    form.appendChild(el("h2", { text: existing ? "Sửa bài: " + existing.file : "Viết bài mới" }));
    form.appendChild(el("div", { class: "loi-chung", tabindex: "-1" }));
    var title = input("text", { required: true });
    var cat = select(schema.categories.map(function (c) { return { id: c.key, label: c.name }; }), null);
    var date = input("date", { value: schema.today });
    var time = input("time", { value: schema.now });
    var tags = input("text", { list: "the-co-san" });
    var summary = el("textarea", { rows: 2 });
    var draft = input("checkbox", { checked: true, id: nextId() });
    var body = el("textarea", { rows: 14, class: "noi-dung" });
    var file = input("file", { accept: "image/jpeg,image/png,image/webp" });
    var cap = input("text");
    var status = el("small", { role: "status" });
    var frame = el("iframe", { class: "xem", title: "Bài viết trên trang xem trước", hidden: true });
    // The body as the page will show it, rendered by chibo (photos, links,
    // the sanitiser) a moment after typing stops; no script runs in it.
    var look = el("iframe", { class: "xem", title: "Xem trước nội dung", sandbox: "" });
    var lookProblems = el("div", { class: "loi", role: "status" });
    var timer = null;
    function preview() {
      api("POST", "preview", { body: body.value, title: title.value, date: date.value + (time.value ? " " + time.value : ""),
        figures: existing ? existing.values.figures : null }).then(function (r) {
        if (r.status !== 200) return;
        var head = '<meta charset="utf-8"><base href="' + location.origin + '/"><link rel="stylesheet" href="' + location.origin + '/assets/style.css">';
        look.srcdoc = "<!DOCTYPE html><html lang=vi><head>" + head + "</head><body><article class=\"article\"><h1>" + title.value.replace(/[<&]/g, function (c) { return c === "<" ? "&lt;" : "&amp;"; }) + "</h1>" + r.data.html + "</article></body></html>";
        lookProblems.textContent = r.data.problems.join("\n");
      });
    }
    body.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(preview, 400); });
    title.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(preview, 400); });
    file.addEventListener("change", function () {
      var f = file.files[0];
      if (!f) return;
      status.textContent = "Đang tải ảnh lên…";
      api("POST", "photo?date=" + encodeURIComponent(date.value || schema.today) + "&caption=" + encodeURIComponent(cap.value), f, f.type || "application/octet-stream").then(function (r) {
        if (r.status !== 201) { status.textContent = "Không nhận ảnh: " + ((r.data && r.data[0] && r.data[0].message) || r.status); return; }
        var c = cap.value.replace(/"/g, "'");
        var md = "\n\n![" + (c || "Ảnh") + "](" + r.data.src + (c ? ' "' + c + '"' : "") + ")\n\n";
        var at = body.selectionStart || body.value.length;
        body.value = body.value.slice(0, at) + md + body.value.slice(at);
        status.textContent = "Đã chèn ảnh " + r.data.src + " vào nội dung.";
      });
    });
    [field("title", "Tiêu đề", title, null, true), field("category", "Chuyên mục", cat),
      el("div", { class: "hang" }, [field("date", "Ngày đăng", date), field("date", "Giờ", time)]),
      field("tags", "Thẻ", tags, "Cách nhau bằng dấu phẩy; gợi ý từ các thẻ đã có."),
      field("summary", "Sapo (đoạn mở đầu, không bắt buộc)", summary),
      el("div", { class: "chon", "data-field": "draft" }, [draft, el("label", { for: draft.id, text: "Bản nháp (chưa đăng; chỉ hiện khi xem trước)" })]),
      field("body", "Nội dung (Markdown)", body),
      el("fieldset", { class: "nhom" }, [el("legend", { text: "Chèn ảnh vào nội dung" }), field("photo", "Chú thích ảnh", cap), field("photo", "Tệp ảnh", file), status])
    ].forEach(function (n) { form.appendChild(n); });
    var save = el("button", { type: "submit", class: "luu", text: "Lưu bài" });
    form.appendChild(el("div", { class: "nut" }, [save, el("button", { type: "button", text: "Về danh sách", on: { click: function () { showList(); } } })]));
    if (existing) {
      var v = existing.values;
      var d = String(v.date || "");
      title.value = v.title || "";
      cat.value = v.category || cat.value;
      date.value = d.slice(0, 10);
      time.value = d.length > 10 ? d.slice(11, 16) : "";
      tags.value = Array.isArray(v.tags) ? v.tags.join(", ") : (v.tags || "");
      summary.value = v.summary || "";
      draft.checked = v.draft === true;
      body.value = v.body || "";
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      save.disabled = true;
      var values = {
        title: title.value, category: cat.value, date: date.value + (time.value ? " " + time.value : ""),
        tags: tags.value.split(",").map(function (t) { return t.trim(); }).filter(function (t) { return t; }),
        summary: summary.value, body: body.value, draft: draft.checked
      };
      var req = existing
        ? fetch("/__chibo/api/article?file=" + encodeURIComponent(existing.file), { method: "PUT", headers: { "X-Chibo-Token": token, "Content-Type": "application/json", "If-Match": existing.hash }, body: JSON.stringify(values) })
          .then(function (r) { return r.text().then(function (t) { var x = null; try { x = JSON.parse(t); } catch (e) { x = { message: t }; } return { status: r.status, data: x }; }); })
        : api("POST", "article", values);
      req.then(function (r) {
        save.disabled = false;
        if (r.status === 200 && existing) {
          existing.hash = r.data.hash;
          showErrors(form, []);
          form.querySelector(".loi-chung").appendChild(el("p", { class: "bao", role: "status", text: "Đã lưu " + r.data.file + "." }));
        } else if (r.status === 201) {
          showErrors(form, []);
          form.querySelector(".loi-chung").appendChild(el("p", { class: "bao", role: "status", text: "Đã tạo " + r.data.file + ". Trang bài hiện bên dưới sau khi dựng lại; sửa tiếp trong tệp đó." }));
          frame.hidden = false;
          var slug = r.data.file.split("/").pop().replace(/\.md$/, "");
          setTimeout(function () { frame.src = "/" + cat.value + "/" + slug + "/"; }, 800);
        } else if (r.status === 400) showErrors(form, r.data);
        else showErrors(form, [{ field: "", message: (r.data && r.data.message) || ("Lỗi " + r.status) }]);
      });
    });
    main.appendChild(el("div", { class: "bai" }, [form, el("div", {}, [el("h3", { text: "Xem trước" }), lookProblems, look, frame])]));
    preview();
    title.focus();
  }

  api("GET", "schema").then(function (r) {
    if (r.status !== 200) { main.textContent = "Không tải được biểu mẫu (" + r.status + ")."; return; }
    schema = r.data;
    var dl = el("datalist", { id: "the-co-san" });
    schema.tags.forEach(function (t) { dl.appendChild(el("option", { value: t })); });
    document.body.appendChild(dl);
    showList();
  });
})();
