// chibo serve: the members' register in the forms (content/dang-vien.yaml,
// internal). The register on a day with its numbers, what falls due
// (full membership, Huy hiệu Đảng), a member added, a member's status
// changed (periods, full membership, leaving, badges), and the year's
// rating sheet (content/xep-loai/YYYY.yaml). Loaded before nhap.js, which
// hands over its helpers.
window.chiboDv = function (h) {
  "use strict";
  var el = h.el, field = h.field, input = h.input, select = h.select;

  function errorsOf(r) {
    return r.status === 400 && Array.isArray(r.data) ? r.data : [{ field: "", message: (r.data && r.data.message) || ("Lỗi " + r.status) }];
  }

  // A PUT of one item (a member, a rating record) with the hash it was read with.
  function put(path, hash, values) {
    return h.api("PUT", path, values, undefined, { "If-Match": hash });
  }

  function show(main, back, message) {
    main.textContent = "";
    var status = el("p", { role: "status", text: message || "" });
    var day = input("date", { value: h.today() });
    var numbers = el("p", { class: "so-lieu" });
    var due = el("ul", { class: "thang han" });
    var list = el("ul", { class: "thang dang-vien" });
    var problems = el("div", { class: "loi" });
    function load() {
      h.api("GET", "members?date=" + encodeURIComponent(day.value)).then(function (r) {
        if (r.status !== 200) { status.textContent = "Chưa đọc được sổ: " + ((r.data && r.data.message) || r.status); return; }
        var c = r.data.counts;
        numbers.textContent = c.total + " đảng viên (" + c.chinh_thuc + " chính thức, " + c.du_bi + " dự bị); miễn sinh hoạt " + c.mien + "; sinh hoạt tạm thời nơi khác " + c.tam_thoi_di + ".";
        due.textContent = "";
        r.data.due.forEach(function (d) {
          due.appendChild(el("li", { class: d.overdue ? "loi" : "canh-bao" }, [el("span", { class: "ngay", text: h.fmtDate(d.day) + (d.overdue ? " (quá hạn)" : "") }), el("span", { text: d.what })]));
        });
        if (!r.data.due.length) due.appendChild(el("li", { text: "Không có hạn nào trong 60 ngày tới." }));
        list.textContent = "";
        r.data.entries.forEach(function (e) {
          var v = e.values, post = r.data.sets.post.filter(function (p) { return p.id === (v.post || "dang_vien"); })[0];
          list.appendChild(el("li", { "data-id": v.id }, [el("span", { class: "ngay", text: v.id }), el("span", { class: "tieu-de", text: v.name }),
            el("span", { text: (post ? post.label : "") + " · " + e.status }),
            el("button", { type: "button", class: "sua", text: "Sửa", on: { click: function () { edit(main, e, r.data.sets, function (msg) { show(main, back, msg); }); } } })]));
        });
        problems.textContent = r.data.problems.join("\n");
      });
    }
    day.addEventListener("change", load);
    // A member added: the name and the day they came into the cell.
    var form = el("form", { class: "bieu-mau", novalidate: true });
    var name = input("text", { name: "name" });
    var admitted = input("date", { name: "admitted" });
    var ceremony = input("date", { name: "ceremony" });
    var joined = input("date", { name: "joined" });
    [el("h3", { text: "Thêm đảng viên" }), el("div", { class: "loi-chung", tabindex: "-1" }),
      field("name", "Họ và tên", name, null, true),
      el("div", { class: "hang" }, [field("admitted", "Ngày quyết định kết nạp", admitted), field("ceremony", "Ngày lễ kết nạp", ceremony)]),
      field("joined", "Hoặc ngày chuyển đến chi bộ", joined, "Các mục khác (số quyết định, chính thức, miễn sinh hoạt…) sửa bằng nút “Sửa” ở danh sách."),
      el("button", { type: "submit", class: "luu", text: "Thêm vào sổ" })
    ].forEach(function (n) { form.appendChild(n); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      h.api("POST", "member", { name: name.value, admitted: admitted.value, ceremony: ceremony.value, joined: joined.value }).then(function (r) {
        if (r.status === 201) { status.textContent = "Đã thêm " + r.data.id + " vào " + r.data.file + "."; name.value = ""; admitted.value = ""; ceremony.value = ""; joined.value = ""; h.showErrors(form, []); load(); }
        else h.showErrors(form, errorsOf(r));
      });
    });
    // The year to rate: this one from October (the review is held in
    // December), the last one before.
    var t = h.today(), year = Number(t.slice(0, 4)) - (Number(t.slice(5, 7)) >= 10 ? 0 : 1);
    main.appendChild(el("section", { class: "bieu-mau" }, [
      el("h2", { text: "Sổ đảng viên (nội bộ, không đăng lên trang)" }),
      field("date", "Xem sổ vào ngày", day), status, numbers, problems,
      el("h3", { text: "Các hạn sắp đến" }), due,
      el("h3", { text: "Danh sách" }), list,
      el("button", { type: "button", id: "xep-loai", text: "Xếp loại đảng viên năm " + year, on: { click: function () { rating(main, year, function () { show(main, back); }); } } }),
      el("button", { type: "button", text: "Về danh sách mục", on: { click: function () { back(); } } })
    ]));
    main.appendChild(form);
    load();
  }

  // One stretch of status (miễn sinh hoạt, sinh hoạt tạm thời) as a row.
  function periodRow(sets, p) {
    p = p || {};
    var kind = select(sets.periods, null, p.kind), from = input("date", { value: p.from || "" }), to = input("date", { value: p.to || "" });
    var reason = input("text", { value: p.reason || "" }), unit = input("text", { value: p.unit || "" });
    var row = el("fieldset", { class: "dong" }, [el("legend", { text: "Giai đoạn" }), field("kind", "Loại", kind),
      el("div", { class: "hang" }, [field("from", "Từ ngày", from), field("to", "Đến ngày", to)]),
      field("reason", "Lý do", reason), field("unit", "Nơi sinh hoạt tạm thời", unit),
      el("button", { type: "button", class: "bo", text: "Bỏ giai đoạn này", on: { click: function () { row.parentNode.removeChild(row); } } })]);
    row.value = function () { return { kind: kind.value, from: from.value, to: to.value, reason: reason.value, unit: unit.value }; };
    return row;
  }

  // A member's entry edited: every key of the register, the id kept.
  function edit(main, e, sets, done) {
    var v = e.values, hash = e.hash;
    main.textContent = "";
    var form = el("form", { class: "bieu-mau", novalidate: true });
    var name = input("text", { value: v.name || "" });
    var post = select(sets.post, null, v.post || "dang_vien");
    var born = input("number", { value: v.born || "", min: 1900, max: 2100 });
    var adm = typeof v.admitted === "object" && v.admitted ? v.admitted : { date: v.admitted || "" };
    var admitted = input("date", { value: adm.date || "" }), decision = input("text", { value: adm.decision || "" });
    var ceremony = input("date", { value: v.ceremony || "" }), official = input("date", { value: v.official || "" });
    var joined = input("date", { value: v.joined || "" });
    var periods = el("div", { class: "dong-lap" });
    (v.periods || []).forEach(function (p) { periods.appendChild(periodRow(sets, p)); });
    var left = v.left || {};
    var leftDate = input("date", { value: left.date || "" }), leftForm = select(sets.left, "— chưa rời chi bộ —", left.form);
    var badges = el("div", { class: "hang huy-hieu" });
    sets.huy_hieu.forEach(function (y) {
      var c = input("checkbox", { value: y, checked: (v.huy_hieu || []).indexOf(y) >= 0 });
      badges.appendChild(el("label", {}, [c, " " + y + " năm"]));
    });
    [el("h2", { text: "Sửa: " + v.id + " · " + (v.name || "") }), el("div", { class: "loi-chung", tabindex: "-1" }),
      field("name", "Họ và tên", name, null, true),
      el("div", { class: "hang" }, [field("post", "Chức vụ đảng", post), field("born", "Năm sinh", born, "Chỉ ghi năm.")]),
      el("div", { class: "hang" }, [field("admitted", "Ngày quyết định kết nạp", admitted), field("decision", "Số quyết định", decision)]),
      el("div", { class: "hang" }, [field("ceremony", "Ngày lễ kết nạp", ceremony), field("official", "Ngày công nhận chính thức", official)]),
      field("joined", "Ngày chuyển đến chi bộ", joined, "Để trống nếu được kết nạp tại chi bộ."),
      el("h3", { text: "Miễn sinh hoạt, sinh hoạt tạm thời" }), periods,
      el("button", { type: "button", class: "them-dong", text: "+ Thêm giai đoạn", on: { click: function () { periods.appendChild(periodRow(sets)); } } }),
      el("h3", { text: "Rời chi bộ" }),
      el("div", { class: "hang" }, [field("left", "Ngày", leftDate), field("form", "Hình thức", leftForm)]),
      el("h3", { text: "Huy hiệu Đảng đã nhận" }), badges,
      el("button", { type: "submit", class: "luu", text: "Lưu" }),
      el("button", { type: "button", text: "Hủy", on: { click: function () { done(""); } } })
    ].forEach(function (n) { form.appendChild(n); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var values = { id: v.id, name: name.value, born: born.value ? Number(born.value) : "", ceremony: ceremony.value, official: official.value, joined: joined.value };
      // The post and the admission are written as the file had them.
      values.post = (v.post || post.value !== "dang_vien") ? post.value : "";
      values.admitted = (typeof v.admitted === "string" && !decision.value) ? admitted.value : { date: admitted.value, decision: decision.value };
      values.periods = Array.prototype.map.call(periods.children, function (r) { return r.value(); });
      values.left = leftDate.value || leftForm.value ? { date: leftDate.value, form: leftForm.value } : "";
      values.huy_hieu = Array.prototype.filter.call(badges.querySelectorAll("input"), function (c) { return c.checked; }).map(function (c) { return Number(c.value); });
      put("member?line=" + e.line, hash, values).then(function (r) {
        if (r.status === 200) done("Đã lưu " + v.id + " (" + r.data.file + ", dòng " + r.data.lines[0] + "–" + r.data.lines[1] + ").");
        else h.showErrors(form, errorsOf(r));
      });
    });
    main.appendChild(form);
  }

  // The year's rating sheet: made from the register when missing, then
  // one card per member, each saved on its own.
  function rating(main, year, back, message) {
    main.textContent = "";
    var status = el("p", { role: "status" }), saidLast = el("p", { class: "bao", role: "status", text: message || "" }), sheet = el("div", { class: "xep-loai" }), counts = el("p", { class: "so-lieu" }), problems = el("div", { class: "loi" });
    var y = input("number", { value: year, min: 1930, max: 2100 });
    y.addEventListener("change", function () { rating(main, Number(y.value), back); });
    main.appendChild(el("section", { class: "bieu-mau" }, [el("h2", { text: "Kiểm điểm, xếp loại đảng viên (nội bộ)" }), field("year", "Năm", y), saidLast, status, counts, problems, sheet,
      el("button", { type: "button", text: "Về sổ đảng viên", on: { click: function () { back(); } } })]));
    h.api("GET", "rating?year=" + year).then(function (r) {
      if (r.status !== 200) { status.textContent = (r.data && r.data.message) || ("Lỗi " + r.status); return; }
      var d = r.data;
      if (!d.exists) {
        status.textContent = "Chưa có " + d.file + ".";
        sheet.appendChild(el("button", { type: "button", id: "tao-xep-loai", text: "Lập bảng xếp loại năm " + year + " từ sổ đảng viên", on: { click: function () {
          h.api("POST", "rating?year=" + year).then(function (c) {
            if (c.status === 201) rating(main, year, back); else status.textContent = (c.data && c.data.message) || ("Lỗi " + c.status);
          });
        } } }));
        return;
      }
      status.textContent = d.file;
      counts.textContent = d.counts.map(function (c) { return c.label + ": " + c.n; }).join("; ") + ". Hoàn thành xuất sắc nhiệm vụ không quá " + String(d.cap_percent).replace(".", ",") + "% số hoàn thành tốt nhiệm vụ.";
      problems.textContent = d.problems.join("\n");
      d.records.forEach(function (rec) { sheet.appendChild(card(rec, d.levels, year, function (msg) { rating(main, year, back, msg); })); });
    });
  }

  // One member's record: self-assessment, the cell's proposal and vote,
  // the superior's decision, or why they are not rated.
  function card(rec, levels, year, saved) {
    var v = rec.values, vote = v.vote || {};
    var form = el("form", { class: "bieu-mau the", "data-member": v.member, novalidate: true });
    var self = select(levels, "—", v.self), proposed = select(levels, "—", v.proposed), decided = select(levels, "—", v.decided);
    var vFor = input("number", { min: 0, value: vote.for === undefined ? "" : vote.for }), vAgainst = input("number", { min: 0, value: vote.against === undefined ? "" : vote.against });
    var not = input("text", { value: v.not_rated || "" });
    [el("h3", { text: (rec.name || v.member) + " (" + v.member + ")" }), el("div", { class: "loi-chung", tabindex: "-1" }),
      el("div", { class: "hang" }, [field("self", "Tự nhận", self), field("proposed", "Chi bộ đề nghị", proposed)]),
      el("div", { class: "hang" }, [field("for", "Tán thành", vFor), field("against", "Không tán thành", vAgainst)]),
      field("decided", "Cấp trên quyết định", decided),
      field("not_rated", "Không xếp loại, lý do", not),
      el("button", { type: "submit", class: "luu", text: "Lưu" })
    ].forEach(function (n) { form.appendChild(n); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var values = { member: v.member, self: self.value, proposed: proposed.value, decided: decided.value, not_rated: not.value,
        vote: vFor.value === "" ? "" : { for: Number(vFor.value), against: vAgainst.value === "" ? 0 : Number(vAgainst.value) } };
      if (vote.against === undefined && vAgainst.value === "" && values.vote) delete values.vote.against;
      put("rating?year=" + year + "&line=" + rec.line, rec.hash, values).then(function (r) {
        if (r.status === 200) saved("Đã lưu bản xếp loại của " + (rec.name || v.member) + " (dòng " + r.data.lines[0] + "–" + r.data.lines[1] + ").");
        else h.showErrors(form, errorsOf(r));
      });
    });
    return form;
  }

  return { show: show };
};
